using Snapshots.Catalog;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Http;

/// <summary>
/// The 404 of an address no endpoint answers (a mistyped route, a version that is not a number), and of an endpoint that found
/// nothing but said nothing: read the address for a platform, document and version, and say what is missing with the nearest
/// page and a "did you mean" (<see cref="NearestPage"/>); under <c>/api</c> the same words as an RFC 9457 problem.
/// </summary>
internal static partial class UnknownAddress
{
    public static async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var reader = context.RequestServices.GetRequiredService<ArchiveReader>();
        var ct = context.RequestAborted;
        NearestPage.Miss miss;
        if (Address().Match(path) is { Success: true } m && m.Groups["platform"].Length <= 200 && m.Groups["type"].Length <= 200)
        {
            var platform = m.Groups["platform"].Value;
            miss = !m.Groups["type"].Success ? await reader.PlatformAsync(platform, ct) is null
                    ? await NearestPage.PlatformMissAsync(reader, platform, ct)
                    : new NearestPage.Miss($"Nothing is at '{Shown(path)}'.", null, [new NotFoundPage.Link("The platform's page", PublicSite.PlatformPath(platform))])
                : m.Groups["version"].Success ? await NearestPage.VersionMissAsync(reader, platform, m.Groups["type"].Value, m.Groups["version"].Value, ct)
                : await reader.DocumentAsync(platform, m.Groups["type"].Value, ct) is { } document
                    ? new NearestPage.Miss($"Nothing is at '{Shown(path)}'.", null, [new NotFoundPage.Link($"{document.PlatformName}: {document.TermsType}", PublicSite.DocumentPath(document.Id))])
                    : await NearestPage.DocumentMissAsync(reader, platform, m.Groups["type"].Value, ct);
        }
        else miss = new NearestPage.Miss($"Nothing is at '{Shown(path)}'.", null, []);

        var response = context.Response;
        response.StatusCode = StatusCodes.Status404NotFound;
        response.Headers.CacheControl = CachePolicies.NoStore;
        if (path.StartsWith("/api", StringComparison.OrdinalIgnoreCase))
        {
            var detail = miss.Detail + (Address().IsMatch(path) ? "" : " The API's endpoints are listed in /api/openapi/v1.json.");
            await FailureAnswers.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", detail, context.TraceIdentifier);
            return;
        }
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(NotFoundPage.Html(context.RequestServices.GetRequiredService<PageTemplates>(), miss.Message, miss.DidYouMean, miss.Nearest), ct);
    }

    /// <summary>At most 200 characters of the address, for the sentence.</summary>
    private static string Shown(string path) => path.Length <= 200 ? path : path[..200] + "…";

    [GeneratedRegex(@"^/(?:api/documents|api/platforms|platforms)/(?<platform>[^/]+)(?:/(?<type>(?!feed\.atom(?:$|/))[^/]+)(?:/versions/(?<version>[^/]+))?)?(?:/.*)?$")]
    private static partial Regex Address();
}
