namespace Snapshots.Provisions;

/// <summary>A clause-types.json that cannot be used, naming the entry and the field at fault.</summary>
internal sealed class ClauseCatalogException : FormatException
{
    public ClauseCatalogException(string? entry, string field, string problem, Exception? inner = null)
        : base($"clause-types.json: {(entry is null ? "" : $"clause type '{entry}', ")}field '{field}': {problem}", inner)
    {
        Entry = entry;
        Field = field;
    }

    /// <summary>The id of the clause type (or "#3" when it has none); null for a field of the file itself.</summary>
    public string? Entry { get; }

    public string Field { get; }
}
