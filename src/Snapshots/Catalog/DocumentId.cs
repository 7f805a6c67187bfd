namespace Snapshots.Catalog;

/// <summary>
/// Identifies one tracked document: <c>platform-slug/terms-type-slug</c>, e.g. <c>mistral-ai/privacy-policy</c>.
/// Every Table storage key for a document is derived here and nowhere else.
/// </summary>
public readonly record struct DocumentId(string Platform, string TermsType)
{
    public override string ToString() => $"{Platform}/{TermsType}";

    /// <summary>PartitionKey of the <c>documents</c> table.</summary>
    public string DocumentsPartitionKey => Platform;

    /// <summary>RowKey of the <c>documents</c> table.</summary>
    public string DocumentsRowKey => TermsType;

    /// <summary>
    /// RowKey of one pending transparency-log entry of this document in the <c>documents</c> table (its PartitionKey is
    /// <see cref="DocumentsPartitionKey"/>, so a check writes it in the same transaction as the document row). '~' sorts after
    /// every slug character, so these rows never mix with document rows.
    /// </summary>
    public string LogPendingRowKey(string entry) => $"{LogPendingPrefix}{TermsType}~{entry}";

    /// <summary>What every pending transparency-log entry's RowKey starts with.</summary>
    public const string LogPendingPrefix = "~log~";

    /// <summary>PartitionKey of the <c>versions</c> table ('/' is not allowed in table keys).</summary>
    public string VersionsPartitionKey => $"{Platform}~{TermsType}";

    /// <summary>Prefix of every blob of this document in the <c>snapshots</c> container.</summary>
    public string BlobPrefix => $"{Platform}/{TermsType}/";

    public static DocumentId Parse(string value)
    {
        if (TryParse(value, out var id)) return id;
        throw new FormatException($"'{value}' is not a document id: expected platform-slug/terms-type-slug, e.g. mistral-ai/privacy-policy.");
    }

    public static bool TryParse(string? value, out DocumentId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(value)) return false;
        var parts = value.Trim().Split('/');
        if (parts.Length != 2 || !Slug.IsValid(parts[0]) || !Slug.IsValid(parts[1])) return false;
        id = new DocumentId(parts[0], parts[1]);
        return true;
    }

    public static DocumentId FromVersionsPartitionKey(string partitionKey)
    {
        var parts = partitionKey.Split('~');
        if (parts.Length != 2) throw new FormatException($"'{partitionKey}' is not a versions partition key.");
        return new DocumentId(parts[0], parts[1]);
    }
}
