using System.Text.Json;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Cli.Local;
using Snapshots.Fetching;
using Snapshots.Storage;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// A test pipeline plus a loopback site serving the pages it tracks: the one site fixture of the integration tests.
/// <see cref="StartAsync"/> tracks static pages; <see cref="StartRenderedAsync"/> adds real headless Chromium (Debian's
/// <c>chromium</c>) for scripted pages; <see cref="StartTimestampedAsync"/> adds a loopback RFC 3161 authority configured as
/// the pipeline's only authority and trust anchor.
/// </summary>
public sealed class TrackedSite : IAsyncDisposable
{
    private readonly LoopbackTimestampAuthority? _authority;
    private readonly Dictionary<DocumentId, string> _paths = [];

    private TrackedSite(TestPipeline pipeline, LoopbackSite site, LoopbackTimestampAuthority? authority)
    {
        Pipeline = pipeline;
        Site = site;
        _authority = authority;
    }

    public TestPipeline Pipeline { get; }
    public LoopbackSite Site { get; }
    public DocumentCatalog Catalog => Pipeline.Get<DocumentCatalog>();
    public VersionLedger Ledger => Pipeline.Get<VersionLedger>();
    public BrowserRenderer Renderer => Pipeline.Get<BrowserRenderer>();

    /// <summary>The loopback timestamp authority; only a site started by <see cref="StartTimestampedAsync"/> has one.</summary>
    public LoopbackTimestampAuthority Authority =>
        _authority ?? throw new InvalidOperationException($"This site has no timestamp authority: start it with {nameof(StartTimestampedAsync)}.");

    public static Task<TrackedSite> StartAsync(IDictionary<string, string?>? settings = null) => LaunchAsync(settings, null, (_, _) => { });

    /// <param name="openOnlyTheSite">Close loopback and private networks except the site's own endpoint (the SSRF tests).</param>
    public static Task<TrackedSite> StartRenderedAsync(Dictionary<string, string?>? settings = null, bool openOnlyTheSite = false) =>
        LaunchAsync(settings, null, (values, site) =>
        {
            values.TryAdd("Fetch:Timeout", "00:00:15");
            values.TryAdd("Fetch:Browser:NetworkIdleWait", "00:00:00.300");
            if (!openOnlyTheSite) return;
            values["Fetch:AllowPrivateNetworks"] = "false";
            values["Fetch:AllowedPrivateEndpoints:0"] = $"127.0.0.1:{site.BaseUri.Port}";
        });

    /// <summary>A site served over HTTPS with a certificate of <paramref name="authority"/>, whose root the fetcher is configured to trust.</summary>
    public static Task<TrackedSite> StartHttpsAsync(TestCertificateAuthority authority, Dictionary<string, string?>? settings = null) =>
        LaunchAsync(settings, null, (values, _) => values.TryAdd("Fetch:TrustedRootCertificates:0", authority.RootFile), authority.Server);

    public static async Task<TrackedSite> StartTimestampedAsync(Dictionary<string, string?>? settings = null)
    {
        var authority = await LoopbackTimestampAuthority.StartAsync();
        try
        {
            return await LaunchAsync(settings, authority, (values, _) =>
            {
                values.TryAdd("Evidence:TimestampAuthorities:0", authority.Url.AbsoluteUri);
                values.TryAdd("Evidence:TrustAnchors:0", authority.RootCertificateFile);
                values.TryAdd("Evidence:RequestTimeout", "00:00:05");
                values.TryAdd("Evidence:RetryBaseDelay", "00:00:01");
                values.TryAdd("Evidence:RetryMaxDelay", "00:00:01");
            });
        }
        catch
        {
            await authority.DisposeAsync();
            throw;
        }
    }

    private static async Task<TrackedSite> LaunchAsync(
        IDictionary<string, string?>? settings, LoopbackTimestampAuthority? authority, Action<Dictionary<string, string?>, LoopbackSite> defaults,
        System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var site = await LoopbackSite.StartAsync(certificate);
        try
        {
            var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
            defaults(values, site);
            return new TrackedSite(await TestPipeline.StartAsync(values), site, authority);
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    /// <summary>Serves <paramref name="html"/> at <paramref name="path"/> and tracks it as the platform's document of that terms type.</summary>
    public async Task<DocumentId> TrackAsync(string platform, string termsType, string path, string html)
    {
        Site.Page(path, html);
        var declaration = DeclarationParser.Parse(PolicyPages.Declaration(platform, (termsType, Site.Url(path))), $"{Slug.From(platform)}.json");
        var document = declaration.Documents.Single();
        await Catalog.UpsertAsync(document);
        _paths[document.Id] = path;
        return document.Id;
    }

    /// <summary>Example AI's privacy policy at <c>/privacy</c>, serving <paramref name="html"/>.</summary>
    public Task<DocumentId> TrackPrivacyPolicyAsync(string html) => TrackAsync("Example AI", "Privacy Policy", "/privacy", html);

    /// <summary>Serves <paramref name="html"/> at <paramref name="path"/> and tracks it as a scripted page (<c>executeClientScripts</c>) of "Scripted AI".</summary>
    public Task<DocumentId> TrackScriptedAsync(string termsType, string path, string html, params string[] select)
    {
        Site.Page(path, html);
        return TrackScriptedUrlAsync(termsType, Site.Url(path), select);
    }

    public async Task<DocumentId> TrackScriptedUrlAsync(string termsType, Uri url, params string[] select)
    {
        var json = JsonSerializer.Serialize(new
        {
            name = "Scripted AI",
            terms = new Dictionary<string, object> { [termsType] = new { fetch = url.AbsoluteUri, select, executeClientScripts = true } },
        });
        var document = DeclarationParser.Parse(json, "scripted-ai.json").Documents.Single();
        await Catalog.UpsertAsync(document);
        if (url.Authority == Site.BaseUri.Authority) _paths[document.Id] = url.PathAndQuery;
        return document.Id;
    }

    public async Task<CaptureOutcome> CheckAsync(DocumentId id) => (await CheckAsync([id])).Single();

    public async Task<IReadOnlyList<CaptureOutcome>> CheckAsync(IEnumerable<DocumentId> ids)
    {
        var documents = new List<DocumentRecord>();
        foreach (var id in ids) documents.Add(await Catalog.GetAsync(id));
        return await Pipeline.Get<CaptureCycle>().RunAsync(documents);
    }

    /// <summary>Serves a new page at the tracked document's path and checks it.</summary>
    public Task<CaptureOutcome> ChangeAsync(DocumentId id, string html)
    {
        Site.Page(_paths.TryGetValue(id, out var path) ? path : throw new InvalidOperationException($"{id} is not served by this site."), html);
        return CheckAsync(id);
    }

    public async Task<string> LatestTextAsync(DocumentId id)
    {
        var document = await Catalog.GetAsync(id);
        var version = await Ledger.GetAsync(id, document.VersionCount);
        return await Pipeline.Get<SnapshotArchive>().ReadTextAsync(version.TextBlob);
    }

    public async Task<int> BlobCountAsync()
    {
        var count = 0;
        await foreach (var _ in Pipeline.Storage.Snapshots.GetBlobsAsync()) count++;
        return count;
    }

    /// <summary>The local host's consumer of the timestamps queue (the one <c>snapshots run</c> uses).</summary>
    public LocalQueueConsumer TimestampsConsumer => LocalQueues.Consumers(Pipeline.Services).Single(c => c.Queue == QueueNames.Timestamps);

    public Task<int> DrainTimestampsAsync() => TimestampsConsumer.DrainAsync(TimeSpan.FromSeconds(30));

    public async Task<bool> TokenStoredAsync(VersionRecord version) =>
        (await Pipeline.Storage.Snapshots.GetBlobClient(SnapshotArchive.TimestampBlobName(version.Document, version.ChainHash)).ExistsAsync()).Value;

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await Site.DisposeAsync();
        if (_authority is not null) await _authority.DisposeAsync();
    }
}
