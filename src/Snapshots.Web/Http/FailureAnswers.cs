using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Http;

/// <summary>
/// Every answer carries its request id (<c>X-Request-Id</c>); a request that fails inside the site is answered, never left an
/// empty 500: a page saying what failed with that id, or under <c>/api</c> an RFC 9457 problem (<c>application/problem+json</c>)
/// with a <c>requestId</c> member. The exception is logged with the same id, so an operator finds it from what a visitor quotes.
/// A request that exceeded a limit of the server (Kestrel's <see cref="BadHttpRequestException"/>: a body too large) gets its
/// status (413, 400) and the same kind of page.
/// </summary>
internal static class FailureAnswers
{
    public const string RequestIdHeader = "X-Request-Id";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task HandleAsync(HttpContext context, Func<Task> next)
    {
        var requestId = context.TraceIdentifier;
        context.Response.Headers[RequestIdHeader] = requestId;
        try
        {
            await next();
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The visitor went away: nobody to answer.
        }
        catch (Exception e)
        {
            var status = e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Snapshots.Web.Failures");
            if (status >= 500) log.LogError(e, "Request {RequestId} {Method} {Path} failed", requestId, context.Request.Method, context.Request.Path);
            else log.LogWarning("Request {RequestId} {Method} {Path} refused with {Status}: {Reason}", requestId, context.Request.Method, context.Request.Path, status, e.Message);
            if (context.Response.HasStarted)
            {
                // Part of the answer is out: all that can be done is to end it, so the visitor sees a cut answer, not a whole one.
                context.Abort();
                return;
            }
            await WriteAsync(context, status, requestId);
        }
    }

    /// <summary>Answers <paramref name="status"/> with a page, or under <c>/api</c> a problem, saying what it means.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string requestId)
    {
        var response = context.Response;
        response.Clear();
        SecurityHeaders.Apply(response);
        response.Headers[RequestIdHeader] = requestId;
        response.Headers.CacheControl = CachePolicies.NoStore;
        response.StatusCode = status;
        var (title, detail) = Explain(status);
        await WriteAsync(context, status, title, detail, requestId);
    }

    /// <summary>Writes a problem (under <c>/api</c>) or an error page with <paramref name="title"/> and <paramref name="detail"/>.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string requestId)
    {
        var response = context.Response;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            response.ContentType = "application/problem+json; charset=utf-8";
            await response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(new Problem(
                $"https://httpstatuses.io/{status}", title, status, detail, context.Request.Path.Value ?? "", requestId), Json));
            return;
        }
        response.ContentType = "text/html; charset=utf-8";
        string html;
        try
        {
            html = context.RequestServices.GetRequiredService<PageTemplates>().Page("error", new ErrorView(title, detail, requestId),
                new PageLayout(title, [new Crumb("Platforms", "/")]));
        }
        catch (Exception)
        {
            // The templates themselves failed: a page written here, with nothing from the request but its id (letters, digits, ':').
            html = $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><p>{detail}</p>"
                   + $"<p>Request id: <code>{System.Net.WebUtility.HtmlEncode(requestId)}</code></p><p><a href=\"/\">See the tracked platforms</a></p></body></html>";
        }
        await response.WriteAsync(html);
    }

    private static (string Title, string Detail) Explain(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => ("This request is too large", "The request was larger than this site accepts, so nothing was done with it."),
        StatusCodes.Status404NotFound => ("Not found", "Nothing is at this address."),
        StatusCodes.Status405MethodNotAllowed => ("This address does not take that method", "Pages, feeds and the API are read with GET (or HEAD); forms are sent with POST. Nothing was done with the request."),
        StatusCodes.Status429TooManyRequests => ("Too many requests", "Too many requests came from here in a short time; nothing was done with this one. Please wait a minute and try again."),
        StatusCodes.Status400BadRequest => ("This request could not be read", "A value in the address, query or form is not of the kind asked for (a version is a number or latest), so nothing was done with it."),
        >= 400 and < 500 => ("This request could not be read", "The request was not understood, so nothing was done with it."),
        _ => ("Something went wrong on our side", "This page could not be made just now; nothing you sent was lost or changed. Please try again later, and quote the request id below if you report it."),
    };

    /// <summary>What the error page shows.</summary>
    public sealed record ErrorView(string Heading, string Detail, string RequestId);

    private sealed record Problem(string Type, string Title, int Status, string Detail, string Instance, string RequestId);
}
