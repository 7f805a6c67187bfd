using Microsoft.AspNetCore.Builder;

namespace Snapshots.Web.Http;

/// <summary>Headers on every answer: no script runs (there is none), no framing, no sniffing, same-origin forms only.</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IApplicationBuilder UseSnapshotsWeb(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        await next(context);
    });
}
