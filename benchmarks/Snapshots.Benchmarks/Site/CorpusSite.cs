using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Snapshots.Benchmarks.Corpus;

namespace Snapshots.Benchmarks.Site;

/// <summary>
/// Serves a generated corpus on 127.0.0.1 (Kestrel, random port), like a platform's legal pages: strong ETag and
/// Last-Modified on every page, 304 to a matching If-None-Match / If-Modified-Since unless told to ignore conditional
/// headers. Control endpoints under <c>/_bench/</c> switch that mode, edit pages and report request counts.
/// Runs in its own process (<c>serve</c> mode) so that its memory and allocations stay out of the pipeline's figures.
/// </summary>
public sealed class CorpusSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PolicyCorpus _corpus;
    private readonly ConcurrentDictionary<string, ServedPage> _pages = new(StringComparer.Ordinal);
    private volatile bool _ignoreConditionalHeaders;
    private long _pageRequests, _notModified, _bytesSent;

    private CorpusSite(WebApplication app, PolicyCorpus corpus)
    {
        _app = app;
        _corpus = corpus;
    }

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<CorpusSite> StartAsync(PolicyCorpus corpus)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var site = new CorpusSite(app, corpus);
        Parallel.ForEach(corpus.Documents, document => site.Publish(document, revision: 0));
        app.Run(site.ServeAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        site.BaseUri = new Uri(address + "/");
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record ServedPage(byte[] Body, EntityTagHeaderValue ETag, DateTimeOffset LastModified);

    private void Publish(CorpusDocument document, int revision)
    {
        var body = PolicyPageGenerator.Render(document, revision);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"");
        var now = DateTimeOffset.UtcNow;
        _pages[document.Path] = new ServedPage(body, etag, new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero));
    }

    private Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/_bench/", StringComparison.Ordinal)) return ControlAsync(context, path);
        if (!_pages.TryGetValue(path, out var page))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        Interlocked.Increment(ref _pageRequests);
        return ServePageAsync(context, page);
    }

    private async Task ServePageAsync(HttpContext context, ServedPage page)
    {
        var response = context.Response;
        var headers = response.GetTypedHeaders();
        headers.ETag = page.ETag;
        headers.LastModified = page.LastModified;
        if (!_ignoreConditionalHeaders && IsNotModified(context.Request.GetTypedHeaders(), page))
        {
            Interlocked.Increment(ref _notModified);
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = page.Body.Length;
        Interlocked.Add(ref _bytesSent, page.Body.Length);
        await response.Body.WriteAsync(page.Body, context.RequestAborted);
    }

    private static bool IsNotModified(Microsoft.AspNetCore.Http.Headers.RequestHeaders request, ServedPage page)
    {
        if (request.IfNoneMatch is { Count: > 0 } tags)
            return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(page.ETag, useStrongComparison: false));
        return request.IfModifiedSince is { } since && page.LastModified <= since;
    }

    /// <summary>
    /// <c>POST /_bench/conditional?honour=true|false</c>; <c>POST /_bench/edit?revision=R</c> (every tenth document gets
    /// revision R of its retention sentence; answers how many); <c>GET /_bench/stats</c>; <c>POST /_bench/reset</c>.
    /// </summary>
    private async Task ControlAsync(HttpContext context, string path)
    {
        var query = context.Request.Query;
        switch (path)
        {
            case "/_bench/conditional":
                _ignoreConditionalHeaders = !bool.Parse(query["honour"].ToString());
                await context.Response.WriteAsync("ok");
                break;
            case "/_bench/edit":
                var revision = int.Parse(query["revision"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
                var edited = _corpus.Documents.Where(d => PolicyCorpus.IsInChangedTenth(d.Index)).ToList();
                Parallel.ForEach(edited, document => Publish(document, revision));
                await context.Response.WriteAsync(edited.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case "/_bench/stats":
                await context.Response.WriteAsJsonAsync(new SiteStats(Interlocked.Read(ref _pageRequests), Interlocked.Read(ref _notModified), Interlocked.Read(ref _bytesSent)));
                break;
            case "/_bench/reset":
                Interlocked.Exchange(ref _pageRequests, 0);
                Interlocked.Exchange(ref _notModified, 0);
                Interlocked.Exchange(ref _bytesSent, 0);
                await context.Response.WriteAsync("ok");
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }
}

/// <summary>What the site served since the last reset: page requests, how many were answered 304, and body bytes sent.</summary>
public sealed record SiteStats(long Requests, long NotModified, long BytesSent);
