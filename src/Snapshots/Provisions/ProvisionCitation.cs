using Snapshots.Archive;
using Snapshots.Catalog;

namespace Snapshots.Provisions;

/// <summary>
/// One line a lawyer can paste for a provision: the document, the provision (slug, headings, clause types), its own SHA-256
/// and where it stands in the version's text, then the version's evidence as <see cref="Citation"/> gives it.
/// </summary>
public static class ProvisionCitation
{
    public static string Line(DocumentRecord document, VersionRecord version, ClassifiedProvision provision, ClauseTypeCatalog catalog, Uri? permanentUrl = null)
    {
        var headings = provision.Provision.HeadingPath.Count == 0 ? "" : $" under \"{provision.Provision.Path}\"";
        var types = provision.Types.Count == 0 ? "" : $" ({string.Join(", ", provision.Types.Select(t => catalog.NameOf(t.TypeId)))})";
        var range = provision.Provision.Range;
        var page = permanentUrl is null ? "" : $"; provision page {permanentUrl}";
        return $"{document.PlatformName}, {document.TermsType}, provision \"{provision.Slug}\"{headings}{types}: provision SHA-256 {provision.Provision.Sha256}, " +
               $"characters {range.Start}–{range.End} of version {version.Sequence}{page}; " + Citation.Line(document, version);
    }
}
