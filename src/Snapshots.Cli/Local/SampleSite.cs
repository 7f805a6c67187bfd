using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Snapshots.Cli.Local;

/// <summary>
/// The demo's stand-in for a platform's sites: serves the pages of <c>samples/</c> on a loopback port, the host as the
/// first path segment (<c>samples/mistral.ai/terms/index.html</c> answers <c>/mistral.ai/terms/</c>, and
/// <c>samples/trust.mistral.ai/subprocessors.html</c> answers <c>/trust.mistral.ai/subprocessors</c>), with ETag
/// validators, and lets the demo edit a page the way a platform would.
/// </summary>
public sealed class SampleSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _pages;

    private SampleSite(WebApplication app, ConcurrentDictionary<string, string> pages, Uri baseUri)
    {
        _app = app;
        _pages = pages;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>The demo's fixed port: links in the captured text contain it, so a second demo run sees the same text.</summary>
    public const int DefaultPort = 18480;

    /// <summary>Serves <paramref name="folder"/> on <paramref name="port"/> (0: any free port).</summary>
    public static async Task<SampleSite> StartAsync(string folder, int port = 0)
    {
        var pages = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.html", SearchOption.AllDirectories))
        {
            var path = "/" + Path.GetRelativePath(folder, file).Replace('\\', '/');
            path = path.EndsWith("/index.html", StringComparison.Ordinal) ? path[..^"index.html".Length] : path[..^".html".Length];
            pages[path] = await File.ReadAllTextAsync(file);
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.Run(async context =>
        {
            if (!pages.TryGetValue(context.Request.Path.Value ?? "", out var html))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            var etag = $"\"{Text.Sha256Hex.Of(html)[..16]}\"";
            if (context.Request.Headers.IfNoneMatch == etag)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            context.Response.Headers.ETag = etag;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(html);
        });
        await app.StartAsync();
        var address = app.Urls.First();
        return new SampleSite(app, pages, new Uri(address));
    }

    public IEnumerable<string> Paths => _pages.Keys.Order(StringComparer.Ordinal);

    public Uri Url(string path) => new(BaseUri, path);

    /// <summary>Where this site serves the sample of a real URL (https://mistral.ai/terms/ → /mistral.ai/terms/), or null when there is no sample of it.</summary>
    public Uri? SampleOf(Uri real)
    {
        var path = "/" + real.Host + real.AbsolutePath;
        return _pages.ContainsKey(path) ? Url(path) : null;
    }

    public void Edit(string path, Func<string, string> change) => _pages.AddOrUpdate(path, _ => throw new KeyNotFoundException(path), (_, html) => change(html));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
