using System.Text.Json;
using Snapshots.Tracking;
using Snapshots.Catalog;
using Snapshots.Fetching;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Fetching;

/// <summary>A test pipeline with real headless Chromium (Debian's <c>chromium</c>) and a loopback site of scripted pages.</summary>
internal sealed class RenderedSite : IAsyncDisposable
{
    private RenderedSite(TestPipeline pipeline, LoopbackSite site)
    {
        Pipeline = pipeline;
        Site = site;
    }

    public TestPipeline Pipeline { get; }
    public LoopbackSite Site { get; }
    public DocumentCatalog Catalog => Pipeline.Get<DocumentCatalog>();
    public BrowserRenderer Renderer => Pipeline.Get<BrowserRenderer>();

    /// <param name="openOnlyTheSite">Close loopback and private networks except the site's own endpoint (the SSRF tests).</param>
    public static async Task<RenderedSite> StartAsync(Dictionary<string, string?>? settings = null, bool openOnlyTheSite = false)
    {
        var site = await LoopbackSite.StartAsync();
        var values = new Dictionary<string, string?>
        {
            ["Fetch:Timeout"] = "00:00:15",
            ["Fetch:Browser:NetworkIdleWait"] = "00:00:00.300",
        };
        if (openOnlyTheSite)
        {
            values["Fetch:AllowPrivateNetworks"] = "false";
            values["Fetch:AllowedPrivateEndpoints:0"] = $"127.0.0.1:{site.BaseUri.Port}";
        }
        foreach (var (key, value) in settings ?? []) values[key] = value;
        try
        {
            return new RenderedSite(await TestPipeline.StartAsync(values), site);
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    /// <summary>Serves <paramref name="html"/> at <paramref name="path"/> and tracks it as a scripted page of "Scripted AI".</summary>
    public Task<DocumentId> TrackAsync(string termsType, string path, string html, params string[] select)
    {
        Site.Page(path, html);
        return TrackUrlAsync(termsType, Site.Url(path), select);
    }

    public async Task<DocumentId> TrackUrlAsync(string termsType, Uri url, params string[] select)
    {
        var json = JsonSerializer.Serialize(new
        {
            name = "Scripted AI",
            terms = new Dictionary<string, object> { [termsType] = new { fetch = url.AbsoluteUri, select, executeClientScripts = true } },
        });
        var document = DeclarationParser.Parse(json, "scripted-ai.json").Documents.Single();
        await Catalog.UpsertAsync(document);
        return document.Id;
    }

    public async Task<CaptureOutcome> CheckAsync(DocumentId id) => (await CheckAsync([id])).Single();

    public async Task<IReadOnlyList<CaptureOutcome>> CheckAsync(IEnumerable<DocumentId> ids)
    {
        var documents = new List<DocumentRecord>();
        foreach (var id in ids) documents.Add(await Catalog.GetAsync(id));
        return await Pipeline.Get<CaptureCycle>().RunAsync(documents);
    }

    public async Task<string> LatestTextAsync(DocumentId id)
    {
        var document = await Catalog.GetAsync(id);
        var version = await Pipeline.Get<Snapshots.Archive.VersionLedger>().GetAsync(id, document.VersionCount);
        return await Pipeline.Get<Snapshots.Archive.SnapshotArchive>().ReadTextAsync(version.TextBlob);
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await Site.DisposeAsync();
    }
}
