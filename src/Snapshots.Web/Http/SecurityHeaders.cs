using Microsoft.AspNetCore.Builder;

namespace Snapshots.Web.Http;

/// <summary>Headers on every answer: no script runs (there is none), no framing, no sniffing, same-origin forms only.</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>
    /// The middleware the endpoints need, in order: a failure answered as a page or problem naming the request
    /// (<see cref="FailureAnswers"/>), these headers, an error left empty answered with a body (<see cref="EmptyErrorAnswers"/>), then the per-client rate limiter of the forms.
    /// </summary>
    public static IApplicationBuilder UseSnapshotsWeb(this IApplicationBuilder app) => app.Use((context, next) => FailureAnswers.HandleAsync(context, () => next(context))).Use(async (context, next) =>
    {
        Apply(context.Response);
        await next(context);
    }).Use((context, next) => EmptyErrorAnswers.HandleAsync(context, () => next(context))).UseRateLimiter();

    /// <summary>Sets the headers on a response (again, after a failure cleared it).</summary>
    public static void Apply(Microsoft.AspNetCore.Http.HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // Signed links carry their token in the query: never leak it to another site.
        headers["Referrer-Policy"] = "same-origin";
    }
}
