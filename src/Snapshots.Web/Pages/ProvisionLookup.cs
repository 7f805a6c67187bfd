using Microsoft.AspNetCore.Http;
using Snapshots.Provisions;

namespace Snapshots.Web.Pages;

/// <summary>
/// The provision an address names, for its page and its feed alike: the slug checked before any storage request, then the
/// document, then the provision's history; what is missing answers the not-found page naming it.
/// </summary>
public static class ProvisionLookup
{
    public static async Task<(ProvisionHistory? History, IResult? NotFound)> FindAsync(string platform, string type, string slug,
        ArchiveReader reader, ProvisionReader provisions, PageTemplates templates, CancellationToken ct)
    {
        if (!ProvisionPaths.IsSlug(slug)) return (null, NotFoundPage.Result(templates, $"'{slug}' is not a provision slug: slugs are lower-case words joined by hyphens."));
        var document = await reader.DocumentAsync(platform, type, ct);
        if (document is null) return (null, await NearestPage.DocumentAsync(reader, templates, platform, type, ct));
        var history = await provisions.HistoryAsync(document, slug, ct);
        if (history is not null) return (history, null);
        // Did you mean: the closest slug among the latest version's provisions.
        var latest = document.VersionCount < 1 ? null : await provisions.VersionAsync(document, document.VersionCount, ct);
        var close = latest is null ? null : CloseIds.Nearest(slug, latest.Provisions.Select(p => p.Slug));
        return (null, NotFoundPage.Result(templates, $"No provision '{slug}' is recorded in {document.PlatformName}'s {document.TermsType}.",
            close is null ? null : new NotFoundPage.Link(close, ProvisionPaths.Provision(document.Id, close)),
            [new NotFoundPage.Link($"{document.PlatformName}: {document.TermsType}, its provisions", Catalog.PublicSite.DocumentPath(document.Id) + "#provisions")]));
    }
}
