using Snapshots.Text;
using Snapshots.Catalog;
using Snapshots.Fetching;

namespace Snapshots.Tracking;

/// <summary>One fetched (or saved) source page of a document, with the part of the declaration that says how to extract it.</summary>
public sealed record SourcePage(SourceDeclaration Source, FetchedPage Page)
{
    private string? _sha256;

    /// <summary>The SHA-256 of the page's bytes, hashed once however often the check asks.</summary>
    public string Sha256 => _sha256 ??= Sha256Hex.Of(Page.Body);
}
