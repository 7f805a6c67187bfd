using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, random port) serving pages and custom handlers that tests
/// set and replace at any time, and recording every request it receives.
/// Static pages carry a strong ETag (hash of the body) and Last-Modified (when the page was set)
/// and answer 304 to matching conditional requests unless <see cref="IgnoreConditionalHeaders"/> is set.
/// Unknown paths answer 404.
/// </summary>
public sealed class LoopbackSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private LoopbackSite(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>Serve 200 with the full body even to conditional requests (for benchmarks).</summary>
    public bool IgnoreConditionalHeaders { get; set; }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <param name="certificate">Serve HTTPS with this certificate (and its key) instead of plain HTTP.</param>
    public static async Task<LoopbackSite> StartAsync(System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null) listen.UseHttps(certificate);
        }));
        var app = builder.Build();
        LoopbackSite? site = null;
        app.Run(context => site!.ServeAsync(context));
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        site = new LoopbackSite(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
        return site;
    }

    /// <summary>The absolute URL of a path on this site, e.g. Url("/terms/privacy-policy").</summary>
    public Uri Url(string path) => new(BaseUri, path);

    public void Page(string path, string body, string contentType = "text/html; charset=utf-8") =>
        Page(path, Encoding.UTF8.GetBytes(body), contentType);

    public void Page(string path, byte[] body, string contentType)
    {
        var page = new StaticPage(
            (byte[])body.Clone(),
            contentType,
            new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\""),
            TruncateToSeconds(DateTimeOffset.UtcNow));
        Handle(path, context => ServePageAsync(context, page));
    }

    /// <summary>Custom behaviour for a path: status sequences, slow bodies, redirects.</summary>
    public void Handle(string path, Func<HttpContext, Task> handler) => _handlers[path] = handler;

    public int RequestCount(string path) => _requests.Count(r => r.Path == path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = request.Path.HasValue ? request.Path.Value! : "/";
        _requests.Enqueue(new RecordedRequest(request.Method, path, request.QueryString.Value ?? "", headers, DateTimeOffset.UtcNow));
        if (_handlers.TryGetValue(path, out var handler)) return handler(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private sealed record StaticPage(byte[] Body, string ContentType, EntityTagHeaderValue ETag, DateTimeOffset LastModified);

    private async Task ServePageAsync(HttpContext context, StaticPage page)
    {
        var response = context.Response;
        var typed = response.GetTypedHeaders();
        typed.ETag = page.ETag;
        typed.LastModified = page.LastModified;
        if (!IgnoreConditionalHeaders && IsNotModified(context.Request.GetTypedHeaders(), page))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = page.ContentType;
        response.ContentLength = page.Body.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await response.Body.WriteAsync(page.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool IsNotModified(RequestHeaders request, StaticPage page)
    {
        if (request.IfNoneMatch is { Count: > 0 } tags)
            return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(page.ETag, useStrongComparison: false));
        return request.IfModifiedSince is { } since && page.LastModified <= since;
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) =>
        new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, time.Offset);
}
