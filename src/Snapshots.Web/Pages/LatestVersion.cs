using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
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

    /// <summary>The API's <c>latest</c> addresses, one route each so the OpenAPI document lists them: the version, its text, its provisions.</summary>
    public static void MapApi(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/documents/{platform}/{type}/versions").WithTags(ArchiveApi.Tag);
        foreach (var (rest, name, what) in new[] { ("", "GetLatestVersion", "version's evidence"), ("text", "GetLatestVersionText", "version's text"),
                     ("provisions", "GetLatestVersionProvisions", "version's provisions") })
            api.MapGet(rest.Length == 0 ? "/latest" : "/latest/" + rest, (string platform, string type, HttpRequest request, ArchiveReader reader, CancellationToken ct) =>
                    ApiAsync(platform, type, rest, request, reader, ct))
                .WithName(name).WithSummary($"Redirects (302) to the newest {what} at its numbered, permanent address")
                .Produces(StatusCodes.Status302Found).ProducesProblem(StatusCodes.Status404NotFound);
    }

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
