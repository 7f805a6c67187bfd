using Microsoft.AspNetCore.Http;
using Snapshots.Catalog;
using Snapshots.Web.Api;

namespace Snapshots.Web.Pages;

/// <summary>
/// <c>latest</c> wherever a version number is in an address (<c>/platforms/P/T/versions/latest</c>, <c>…/latest/text.md</c>, and the
/// same under <c>/api/documents</c>): a temporary redirect (302, not cached) to the newest version's numbered address, which is
/// permanent. A document with no version, or an unknown one, is a 404 naming the nearest page.
/// </summary>
public static class LatestVersion
{
    public static Task<IResult> PageAsync(string platform, string type, string? rest, HttpRequest request, ArchiveReader reader, PageTemplates templates, CancellationToken ct) =>
        RedirectAsync(platform, type, rest, request, reader, ct, miss => NearestPage.Page(templates, miss), id => PublicSite.DocumentPath(id) + "/versions");

    public static Task<IResult> ApiAsync(string platform, string type, string? rest, HttpRequest request, ArchiveReader reader, CancellationToken ct) =>
        RedirectAsync(platform, type, rest, request, reader, ct, miss => ApiResults.NotFound(miss.Detail), id => $"/api/documents/{id}/versions");

    private static async Task<IResult> RedirectAsync(string platform, string type, string? rest, HttpRequest request, ArchiveReader reader, CancellationToken ct,
        Func<NearestPage.Miss, IResult> notFound, Func<DocumentId, string> versions)
    {
        var document = await reader.DocumentAsync(platform, type, ct);
        if (document is null || document.VersionCount < 1) return notFound(await NearestPage.VersionMissAsync(reader, platform, type, "latest", ct));
        var target = $"{versions(document.Id)}/{document.VersionCount}{(string.IsNullOrEmpty(rest) ? "" : "/" + rest)}{request.QueryString}";
        request.HttpContext.Response.Headers.CacheControl = Http.CachePolicies.NoStore;
        return Results.Redirect(target);
    }
}
