using Microsoft.AspNetCore.Builder;

namespace Snapshots.Web.Http;

/// <summary>Headers on every answer: no script runs (there is none), no framing, no sniffing, same-origin forms only.</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The middleware the endpoints need, in order: these headers, then the per-client rate limiter of the forms.</summary>
    public static IApplicationBuilder UseSnapshotsWeb(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // Signed links carry their token in the query: never leak it to another site.
        headers["Referrer-Policy"] = "same-origin";
        await next(context);
    }).UseRateLimiter();
}
