using Snapshots.Catalog;

namespace Snapshots.Cli.Local;

/// <summary>The repository's <c>declarations/</c>: what <c>snapshots run</c> starts tracking by itself.</summary>
public static class ShippedDeclarations
{
    /// <summary>
    /// Adds the documents of <paramref name="folder"/> that are not tracked yet (validated first: a broken file writes nothing);
    /// documents already tracked are left as they are (re-import them with <c>documents import</c> to update them).
    /// </summary>
    public static async Task<IReadOnlyList<DocumentId>> ImportUntrackedAsync(DocumentCatalog catalog, string folder, CancellationToken ct)
    {
        var declared = DeclarationFiles.Read(folder).SelectMany(platform => platform.Documents).ToList();
        var tracked = (await catalog.ListAsync(ct: ct)).Select(d => d.Id).ToHashSet();
        var added = new List<DocumentId>();
        foreach (var document in declared.Where(d => !tracked.Contains(d.Id)))
        {
            await catalog.UpsertAsync(document, ct);
            added.Add(document.Id);
        }
        return added;
    }
}
