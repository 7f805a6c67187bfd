using Snapshots.Text;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Snapshots.Web.Http;

/// <summary>
/// A read answered with an <c>ETag</c> and <c>Cache-Control</c>; a conditional request whose <c>If-None-Match</c> names the
/// same tag gets <c>304 Not Modified</c> with no body. The tag is the SHA-256 of the body, or of <c>etagBasis</c> when the body
/// holds something that changes on every request without changing what it says (the time of a verification).
/// </summary>
public sealed class CachedContent(byte[] body, string contentType, string cacheControl, string? etagBasis = null) : IResult
{
    public string ETag { get; } = $"\"{(etagBasis is null ? Sha256Hex.Of(body) : Sha256Hex.Of(etagBasis))[..32]}\"";

    public static CachedContent Html(string html, string cacheControl = CachePolicies.Page, string? etagBasis = null) =>
        new(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", cacheControl, etagBasis);

    public static CachedContent Text(string text, string contentType, string cacheControl) =>
        new(Encoding.UTF8.GetBytes(text), contentType, cacheControl);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.Headers.ETag = ETag;
        response.Headers.CacheControl = cacheControl;
        response.Headers.Vary = HeaderNames.Accept;
        if (Matches(httpContext.Request.Headers.IfNoneMatch))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }

    private bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch)
    {
        foreach (var header in ifNoneMatch)
            foreach (var tag in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (tag == "*" || tag == ETag || tag == "W/" + ETag) return true;
        return false;
    }
}

/// <summary>The Cache-Control of each kind of read.</summary>
public static class CachePolicies
{
    /// <summary>Pages and lists that change when a check records a version.</summary>
    public const string Page = "public, max-age=60";
    /// <summary>Archived bytes named by their hash: they never change.</summary>
    public const string Immutable = "public, max-age=31536000, immutable";
    /// <summary>Forms and anything personal.</summary>
    public const string NoStore = "no-store";
}
