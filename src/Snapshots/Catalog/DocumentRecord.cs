using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using Snapshots.Storage;

namespace Snapshots.Catalog;

/// <summary>
/// A row of the <c>documents</c> table: the declaration in force, the current version and the state of checking.
/// PartitionKey is the platform slug, RowKey the terms-type slug (see <see cref="DocumentId"/>).
/// </summary>
public sealed class DocumentRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string PlatformName { get; set; } = "";
    public string TermsType { get; set; } = "";
    /// <summary>The document's declaration as JSON (<see cref="DocumentDeclaration"/>).</summary>
    public string DeclarationJson { get; set; } = "";
    public string DeclarationSha256 { get; set; } = "";
    /// <summary>Source URLs, space-separated, for listing and grouping.</summary>
    public string Urls { get; set; } = "";

    public DateTimeOffset? FirstTrackedAt { get; set; }
    public DateTimeOffset? LastCheckedAt { get; set; }
    public DateTimeOffset? LastChangedAt { get; set; }
    /// <summary>Last time a check was attempted, successful or not (scheduling uses it).</summary>
    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>Number of versions recorded; the latest is version <see cref="VersionCount"/>.</summary>
    public long VersionCount { get; set; }
    public string? CurrentSha256 { get; set; }
    public string? CurrentChainHash { get; set; }
    /// <summary>
    /// Declaration hash the served text was last extracted with (the current version's, or a later declaration that extracted the
    /// same text); the raw fast path and validators only hold while it matches <see cref="DeclarationSha256"/>.
    /// </summary>
    public string? CurrentDeclarationSha256 { get; set; }
    /// <summary>Raw hash of the last successful check (all sources), for the skip-extraction fast path.</summary>
    public string? LastRawSha256 { get; set; }
    /// <summary>ETag / Last-Modified of the last fetch (single-source documents), for conditional GET.</summary>
    public string? LastETag { get; set; }
    public string? LastModifiedHeader { get; set; }

    /// <summary>
    /// For a single-source rendered page: what its last render loaded (the document and the same-origin responses that can change
    /// the DOM, with validators and SHA-256), as compact JSON (<c>Fetching.RenderInputs</c>); the next check revalidates them
    /// instead of rendering. Null when the last render loaded something that cannot be revalidated.
    /// </summary>
    public string? RenderInputsJson { get; set; }

    /// <summary>
    /// Declarations in force before <see cref="DeclarationJson"/>, oldest first, each with its validUntil (from an OTA
    /// <c>.history.json</c>), as JSON; null when there are none. History imports extract each capture with the one in force at its time.
    /// </summary>
    public string? EarlierDeclarationsJson { get; set; }

    /// <summary>
    /// When the page last came back as an earlier version's text (a known variant, see <c>VariantObservation</c>): that
    /// text's hash and version; null while the page serves the current version's text. Checks compare with
    /// <see cref="ServedSha256"/> first, so a variant that stays is unchanged.
    /// </summary>
    public string? ServedSha256 { get; set; }
    public long? ServedSequence { get; set; }

    /// <summary>
    /// The last text found equivalent to the served one: it differs only by site chrome that changed on every document of the
    /// platform (see <c>PlatformChrome</c>), or only where <c>diff</c> shows nothing (a heading's level; see
    /// <c>CheckDecision</c>). A check giving this text again is unchanged without comparing again.
    /// </summary>
    public string? ChromeEquivalentSha256 { get; set; }

    /// <summary>
    /// The lowest version whose change notice may not have been sent (its version row says <c>NoticeSent: false</c>), or null
    /// when every version is announced. Set in the same write that points the row at a new live version; any later check or
    /// capture cycle sends what is owed and clears it.
    /// </summary>
    public long? NoticePendingSequence { get; set; }

    /// <summary>
    /// Set by <c>verify --repair</c> when the current version's raw blobs are missing and could not be fetched again then:
    /// the raw SHA-256 of that version. The next check fetches without validators and restores the blobs when the bytes
    /// hash to it, then clears it.
    /// </summary>
    public string? MissingRawSha256 { get; set; }

    public int ConsecutiveFailures { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>A copy to change without touching a row other callers hold.</summary>
    public DocumentRecord Copy() => (DocumentRecord)MemberwiseClone();

    /// <summary>
    /// The stored columns, each property above under its own name: the row as the SDK's binding of this type writes and
    /// reads it (<c>TableRowsTests</c> compares the two), without the accessors that binding compiles.
    /// </summary>
    private static readonly TableColumns<DocumentRecord> Columns = new TableColumns<DocumentRecord>()
        .Add(nameof(PlatformName), r => r.PlatformName, (r, v) => r.PlatformName = v)
        .Add(nameof(TermsType), r => r.TermsType, (r, v) => r.TermsType = v)
        .Add(nameof(DeclarationJson), r => r.DeclarationJson, (r, v) => r.DeclarationJson = v)
        .Add(nameof(DeclarationSha256), r => r.DeclarationSha256, (r, v) => r.DeclarationSha256 = v)
        .Add(nameof(Urls), r => r.Urls, (r, v) => r.Urls = v)
        .Add(nameof(FirstTrackedAt), r => r.FirstTrackedAt, (r, v) => r.FirstTrackedAt = v)
        .Add(nameof(LastCheckedAt), r => r.LastCheckedAt, (r, v) => r.LastCheckedAt = v)
        .Add(nameof(LastChangedAt), r => r.LastChangedAt, (r, v) => r.LastChangedAt = v)
        .Add(nameof(LastAttemptAt), r => r.LastAttemptAt, (r, v) => r.LastAttemptAt = v)
        .Add(nameof(VersionCount), r => r.VersionCount, (r, v) => r.VersionCount = v)
        .Add(nameof(CurrentSha256), r => r.CurrentSha256, (r, v) => r.CurrentSha256 = v)
        .Add(nameof(CurrentChainHash), r => r.CurrentChainHash, (r, v) => r.CurrentChainHash = v)
        .Add(nameof(CurrentDeclarationSha256), r => r.CurrentDeclarationSha256, (r, v) => r.CurrentDeclarationSha256 = v)
        .Add(nameof(LastRawSha256), r => r.LastRawSha256, (r, v) => r.LastRawSha256 = v)
        .Add(nameof(LastETag), r => r.LastETag, (r, v) => r.LastETag = v)
        .Add(nameof(LastModifiedHeader), r => r.LastModifiedHeader, (r, v) => r.LastModifiedHeader = v)
        .Add(nameof(RenderInputsJson), r => r.RenderInputsJson, (r, v) => r.RenderInputsJson = v)
        .Add(nameof(EarlierDeclarationsJson), r => r.EarlierDeclarationsJson, (r, v) => r.EarlierDeclarationsJson = v)
        .Add(nameof(ServedSha256), r => r.ServedSha256, (r, v) => r.ServedSha256 = v)
        .Add(nameof(ServedSequence), r => r.ServedSequence, (r, v) => r.ServedSequence = v)
        .Add(nameof(ChromeEquivalentSha256), r => r.ChromeEquivalentSha256, (r, v) => r.ChromeEquivalentSha256 = v)
        .Add(nameof(NoticePendingSequence), r => r.NoticePendingSequence, (r, v) => r.NoticePendingSequence = v)
        .Add(nameof(MissingRawSha256), r => r.MissingRawSha256, (r, v) => r.MissingRawSha256 = v)
        .Add(nameof(ConsecutiveFailures), r => r.ConsecutiveFailures, (r, v) => r.ConsecutiveFailures = v)
        .Add(nameof(LastError), r => r.LastError, (r, v) => r.LastError = v)
        .Add(nameof(FailingSince), r => r.FailingSince, (r, v) => r.FailingSince = v);

    /// <summary>The row as the table stores it (<see cref="Columns"/>); a null property is left out.</summary>
    internal TableEntity ToEntity() => Columns.ToEntity(this);

    /// <summary>The record of a stored row (<see cref="ToEntity"/>); a property the row lacks keeps its default.</summary>
    internal static DocumentRecord FromEntity(TableEntity row) => Columns.FromEntity(row);

    /// <summary>The source URLs, in declaration order.</summary>
    [IgnoreDataMember]
    public IReadOnlyList<string> SourceUrls => Urls.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [IgnoreDataMember]
    public DocumentId Id => new(PartitionKey, RowKey);

    /// <summary>The earlier declarations (<see cref="EarlierDeclarationsJson"/>), oldest first; empty when there are none.</summary>
    public IReadOnlyList<DatedDeclaration> EarlierDeclarations() => string.IsNullOrEmpty(EarlierDeclarationsJson)
        ? []
        : System.Text.Json.JsonSerializer.Deserialize<List<DatedDeclaration>>(EarlierDeclarationsJson, DeclarationJsonOptions.Options) ?? [];

    /// <summary>The declaration in force, read from <see cref="DeclarationJson"/> once for as long as that JSON stays the same.</summary>
    public DocumentDeclaration Declaration()
    {
        var json = DeclarationJson;
        if (_declaration is { } read && ReferenceEquals(read.Json, json)) return read.Declaration;
        var declaration = json.Length == 0
            ? throw new InvalidOperationException($"document {Id} has no declaration")
            : System.Text.Json.JsonSerializer.Deserialize<DocumentDeclaration>(json, DeclarationJsonOptions.Options)
              ?? throw new InvalidOperationException($"document {Id} has an empty declaration");
        _declaration = (json, declaration);
        return declaration;
    }

    // A check asks for the declaration at each step (pages, decision, text): one parse of the JSON a row carries, not four.
    private (string Json, DocumentDeclaration Declaration)? _declaration;
}
