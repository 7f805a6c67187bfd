using System.Net;
using System.Net.Sockets;
using MimeKit;
using Snapshots.Catalog;
using Snapshots.Cli.Local;
using Snapshots.Web;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// The web face on Kestrel over a test's own Azurite account, with a loopback site to track, the local queue consumers, and an
/// outbox folder where mail lands. The public base URL is the site's own address, so links in emails open this site.
/// </summary>
public sealed class WebTestHost : IAsyncDisposable
{
    private WebTestHost(TrackedSite tracked, SnapshotsWebsite website, string outbox)
    {
        Tracked = tracked;
        Website = website;
        Outbox = outbox;
    }

    public TrackedSite Tracked { get; }
    public SnapshotsWebsite Website { get; }
    public TestPipeline Pipeline => Tracked.Pipeline;
    public string Outbox { get; }
    public Uri BaseUri { get; private init; } = null!;

    public static async Task<WebTestHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        // The port is chosen before the site binds it (its public address is configuration), so another test's server can
        // take it in between: the host then starts again on another port.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(settings);
            }
            catch (IOException e) when (attempt < 3 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }
    }

    private static async Task<WebTestHost> StartOnceAsync(IDictionary<string, string?>? settings)
    {
        var port = FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var outbox = Directory.CreateTempSubdirectory("snapshots-web-outbox-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["Web:PublicBaseUrl"] = baseUri.AbsoluteUri,
            ["Outbox:Path"] = outbox,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var tracked = await TrackedSite.StartAsync(values);
        try
        {
            var website = await SnapshotsWebsite.StartAsync(tracked.Pipeline.Configuration, $"http://127.0.0.1:{port}");
            return new WebTestHost(tracked, website, outbox) { BaseUri = baseUri };
        }
        catch
        {
            await tracked.DisposeAsync();
            Directory.Delete(outbox, recursive: true);
            throw;
        }
    }

    public Uri Url(string path) => new(BaseUri, path.TrimStart('/'));

    public Task<DocumentId> TrackAsync(string platform, string termsType, string path, string html) => Tracked.TrackAsync(platform, termsType, path, html);

    public Task<global::Snapshots.Tracking.CaptureOutcome> CheckAsync(DocumentId id) => Tracked.CheckAsync(id);

    /// <summary>Runs the queue consumers (changes, emails) until every queue is empty, as <c>snapshots run</c> does.</summary>
    public async Task<IReadOnlyList<Snapshots.Pipeline.SendResult>> DeliverAsync()
    {
        var results = new System.Collections.Concurrent.ConcurrentQueue<Snapshots.Pipeline.SendResult>();
        await LocalTimers.DrainUntilEmptyAsync(LocalQueues.Consumers(Pipeline.Services, results.Enqueue), CancellationToken.None);
        return results.ToArray();
    }

    /// <summary>The emails in the outbox whose file name says this kind (alert, digest, confirm, account), oldest first.</summary>
    public IReadOnlyList<MimeMessage> Mail(string kind) =>
        Directory.GetFiles(Outbox, $"*-{kind}-*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path)).ToList();

    /// <summary>The first http(s) link in a text body that starts with <paramref name="prefix"/>.</summary>
    public static string LinkIn(MimeMessage message, string prefix)
    {
        var text = message.TextBody ?? throw new InvalidOperationException("the email has no text body");
        var at = text.IndexOf(prefix, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"no link starting with {prefix} in: {text}");
        var end = text.IndexOfAny([' ', '\n', '\r', '>'], at);
        return end < 0 ? text[at..] : text[at..end];
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await Website.DisposeAsync();
        await Tracked.DisposeAsync();
        try { Directory.Delete(Outbox, recursive: true); }
        catch (IOException) { }
    }
}
