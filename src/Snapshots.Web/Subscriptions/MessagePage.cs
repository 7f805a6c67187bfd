using Microsoft.AspNetCore.Http;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Subscriptions;

/// <summary>A page that says one thing (check your inbox, confirmed, unsubscribed, link not valid), never cached.</summary>
public static class MessagePage
{
    public sealed record View(string Heading, IReadOnlyList<string> Paragraphs, string? LinkText, string? LinkHref);

    public static IResult Result(PageTemplates templates, string heading, IReadOnlyList<string> paragraphs, int status = StatusCodes.Status200OK,
        string? linkText = null, string? linkHref = null) =>
        new NoStoreHtml(templates.Page("message", new View(heading, paragraphs, linkText, linkHref), new PageLayout(heading, [new Crumb("Platforms", "/")])), status);
}

/// <summary>HTML that must not be cached or stored (forms, personal pages).</summary>
public sealed class NoStoreHtml(string html, int status = StatusCodes.Status200OK) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.Headers.CacheControl = Http.CachePolicies.NoStore;
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        await httpContext.Response.WriteAsync(html);
    }
}
