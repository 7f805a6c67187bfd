using System.Text;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Catalog;
using Snapshots.Fetching;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Fetching;

/// <summary>
/// Issue 25 item 1: a rendered page whose document, scripts and XHR responses all revalidate unchanged is not rendered again;
/// anything changed (the XHR's data, a script, a response without validators whose body differs) renders as before and
/// records the change. Real Chromium, a real loopback site, Azurite through the SDK.
/// </summary>
public sealed class RenderRevalidationTests
{
    private const string Html = """
        <html><body><div id="root">Loading…</div><script src="/app.js"></script></body></html>
        """;

    private static string Script(string heading = "Terms") => $$"""
        fetch('/data.json').then(r => r.json()).then(d => {
          document.getElementById('root').innerHTML = '<article id="terms"><h1>{{heading}}</h1><p>' + d.text + '</p></article>';
        });
        """;

    private static string Data(string text) => $$"""{"text":"{{text}}"}""";

    [Fact]
    public async Task An_unchanged_check_revalidates_what_the_render_loaded_and_opens_no_page()
    {
        await using var t = await RenderedSite.StartAsync();
        t.Site.Page("/data.json", Data("You own your outputs."), "application/json");
        var id = await t.TrackAsync();
        Assert.Equal(CaptureStatus.First, (await t.CheckAsync()).Status);
        var pages = t.Renderer.PagesOpened;
        var requestsBefore = t.Site.Requests.Count;

        var outcome = await t.CheckAsync();

        Assert.Equal(CaptureStatus.Unchanged, outcome.Status);
        Assert.Equal(pages, t.Renderer.PagesOpened);
        Assert.StartsWith("unchanged without rendering: 3 responses", outcome.Detail);
        Assert.Contains("3 not modified", outcome.Detail);
        Assert.All(["/terms", "/app.js", "/data.json"], path => Assert.Contains(path, outcome.Detail));
        // Each response asked for again with its validators, once; the bound: no blob written, one table write.
        var revalidations = t.Site.Requests.Skip(requestsBefore).ToList();
        Assert.Equal(["/app.js", "/data.json", "/terms"], revalidations.Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.All(revalidations, r => Assert.NotNull(r.Header("If-None-Match")));
        // The one write is the document row and the transparency log's pending entry together, in one transaction.
        Assert.Equal(["POST $batch"], t.Log.Requests);
        Assert.Contains("You own your outputs.", await t.LatestTextAsync(id));
    }

    [Fact]
    public async Task Data_an_XHR_loads_that_changes_under_the_same_HTML_is_rendered_and_recorded()
    {
        await using var t = await RenderedSite.StartAsync();
        t.Site.Page("/data.json", Data("You own your outputs."), "application/json");
        var id = await t.TrackAsync();
        await t.CheckAsync();
        var pages = t.Renderer.PagesOpened;

        t.Site.Page("/data.json", Data("We may train on your outputs."), "application/json");
        var outcome = await t.CheckAsync();

        Assert.Equal(CaptureStatus.Changed, outcome.Status);
        Assert.Equal(pages + 1, t.Renderer.PagesOpened);
        Assert.Contains("We may train on your outputs.", await t.LatestTextAsync(id));
        // The new render's inputs are the ones the next check revalidates: unchanged again, without a render.
        var again = await t.CheckAsync();
        Assert.Equal(CaptureStatus.Unchanged, again.Status);
        Assert.Equal(pages + 1, t.Renderer.PagesOpened);
    }

    [Fact]
    public async Task A_changed_script_is_rendered_and_recorded()
    {
        await using var t = await RenderedSite.StartAsync();
        t.Site.Page("/data.json", Data("You own your outputs."), "application/json");
        var id = await t.TrackAsync();
        await t.CheckAsync();
        var pages = t.Renderer.PagesOpened;

        t.Site.Page("/app.js", Script("Terms of Use"), "text/javascript");
        var outcome = await t.CheckAsync();

        Assert.Equal(CaptureStatus.Changed, outcome.Status);
        Assert.Equal(pages + 1, t.Renderer.PagesOpened);
        Assert.Contains("Terms of Use", await t.LatestTextAsync(id));
    }

    [Fact]
    public async Task A_response_without_validators_is_fetched_whole_and_compared_by_its_SHA_256()
    {
        await using var t = await RenderedSite.StartAsync();
        var data = Data("You own your outputs.");
        t.Site.Handle("/data.json", context => Unvalidated(context, data));
        var id = await t.TrackAsync();
        await t.CheckAsync();
        var pages = t.Renderer.PagesOpened;
        var requestsBefore = t.Site.Requests.Count;

        var same = await t.CheckAsync();

        Assert.Equal(CaptureStatus.Unchanged, same.Status);
        Assert.Equal(pages, t.Renderer.PagesOpened);
        Assert.Contains("2 not modified, 1 same SHA-256", same.Detail);
        var unconditional = Assert.Single(t.Site.Requests.Skip(requestsBefore), r => r.Path == "/data.json");
        Assert.Null(unconditional.Header("If-None-Match"));
        Assert.Null(unconditional.Header("If-Modified-Since"));

        data = Data("We may train on your outputs.");
        var changed = await t.CheckAsync();

        Assert.Equal(CaptureStatus.Changed, changed.Status);
        Assert.Equal(pages + 1, t.Renderer.PagesOpened);
        Assert.Contains("We may train on your outputs.", await t.LatestTextAsync(id));
    }

    [Fact]
    public async Task A_render_that_got_settled_client_errors_is_revalidated_with_them_and_rendered_when_one_answers_otherwise()
    {
        await using var t = await RenderedSite.StartAsync();
        t.Site.Page("/data.json", Data("You own your outputs."), "application/json");
        var signedIn = false;
        t.Site.Handle("/api/me", async context =>
        {
            context.Response.StatusCode = signedIn ? 200 : 401;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(signedIn ? """{"name":"Ada"}""" : """{"error":"signed out"}""", Encoding.UTF8);
        });
        // A chunk that is not there (404) and an API that answers 401 to a visitor: the page is built without them.
        var id = await t.TrackAsync(Html.Replace("</body>", "<script src=\"/missing.js\"></script></body>", StringComparison.Ordinal));
        t.Site.Page("/app.js", """
            fetch('/data.json').then(r => r.json()).then(d => {
              document.getElementById('root').innerHTML = '<article id="terms"><h1>Terms</h1><p>' + d.text + '</p></article>';
              return fetch('/api/me');
            }).then(r => r.ok ? r.json() : null).then(me => {
              if (me) document.getElementById('terms').insertAdjacentHTML('beforeend', '<p>Signed in as ' + me.name + '.</p>');
            });
            """, "text/javascript");
        Assert.Equal(CaptureStatus.First, (await t.CheckAsync()).Status);
        var pages = t.Renderer.PagesOpened;

        var same = await t.CheckAsync();

        Assert.Equal(CaptureStatus.Unchanged, same.Status);
        Assert.Equal(pages, t.Renderer.PagesOpened);
        Assert.StartsWith("unchanged without rendering: 5 responses", same.Detail);
        Assert.Contains("/missing.js (HTTP 404)", same.Detail);
        Assert.Contains("/api/me (HTTP 401)", same.Detail);

        signedIn = true;
        var changed = await t.CheckAsync();

        Assert.Equal(CaptureStatus.Changed, changed.Status);
        Assert.Equal(pages + 1, t.Renderer.PagesOpened);
        Assert.Contains("Signed in as Ada.", await t.LatestTextAsync(id));
    }

    [Fact]
    public async Task A_full_render_comes_back_after_the_configured_number_of_checks()
    {
        await using var t = await RenderedSite.StartAsync(new() { ["Capture:FullRenderEveryChecks"] = "2" });
        t.Site.Page("/data.json", Data("You own your outputs."), "application/json");
        await t.TrackAsync();
        await t.CheckAsync();
        var pages = t.Renderer.PagesOpened;

        Assert.StartsWith("unchanged without rendering", (await t.CheckAsync()).Detail);
        Assert.StartsWith("unchanged without rendering", (await t.CheckAsync()).Detail);
        var third = await t.CheckAsync();

        Assert.Equal(CaptureStatus.Unchanged, third.Status);
        Assert.Equal(pages + 1, t.Renderer.PagesOpened);
        Assert.StartsWith("unchanged without rendering", (await t.CheckAsync()).Detail);
        Assert.Equal(pages + 1, t.Renderer.PagesOpened);
    }

    [Fact]
    public async Task A_render_that_loads_a_cross_origin_script_is_rendered_on_every_check()
    {
        await using var other = await LoopbackSite.StartAsync();
        await using var t = await RenderedSite.StartAsync();
        t.Site.Page("/data.json", Data("You own your outputs."), "application/json");
        other.Page("/extra.js", "document.body.setAttribute('data-extra', '1');", "text/javascript");
        // localhost is another origin than 127.0.0.1: same server, same content, but not the page's origin.
        var crossOrigin = new UriBuilder(other.BaseUri) { Host = "localhost" }.Uri;
        await t.TrackAsync(Html.Replace("</body>", $"<script src=\"{new Uri(crossOrigin, "/extra.js")}\"></script></body>", StringComparison.Ordinal));
        await t.CheckAsync();
        var pages = t.Renderer.PagesOpened;

        var outcome = await t.CheckAsync();

        Assert.Equal(CaptureStatus.Unchanged, outcome.Status);
        Assert.Equal(pages + 1, t.Renderer.PagesOpened);
        Assert.DoesNotContain("without rendering", outcome.Detail);
    }

    [Fact]
    public async Task A_full_render_of_the_DOM_the_last_check_verified_takes_no_screenshot_and_a_changed_DOM_keeps_one()
    {
        // Every check renders in full: nothing is revalidated, so each render's DOM is compared with the verified one.
        await using var t = await RenderedSite.StartAsync(new() { ["Capture:FullRenderEveryChecks"] = "0" });
        t.Site.Page("/data.json", Data("You own your outputs."), "application/json");
        var id = await t.TrackAsync();
        Assert.Equal(CaptureStatus.First, (await t.CheckAsync()).Status);
        Assert.Equal(1, t.Renderer.ScreenshotsTaken);
        Assert.Contains("urn:screenshot:", await t.LatestWarcAsync(id));
        var pages = t.Renderer.PagesOpened;

        var same = await t.CheckAsync();

        Assert.Equal(CaptureStatus.Unchanged, same.Status);
        Assert.Equal("same raw bytes", same.Detail);
        Assert.Equal(pages + 1, t.Renderer.PagesOpened);
        Assert.Equal(1, t.Renderer.ScreenshotsTaken);
        Assert.Equal(["POST $batch"], t.Log.Requests);

        t.Site.Page("/data.json", Data("We may train on your outputs."), "application/json");
        var changed = await t.CheckAsync();

        Assert.Equal(CaptureStatus.Changed, changed.Status);
        Assert.Equal(2, t.Renderer.ScreenshotsTaken);
        var warc = await t.LatestWarcAsync(id);
        Assert.Contains("We may train on your outputs.", warc);
        Assert.Contains("urn:screenshot:", warc);
    }

    [Theory]
    [InlineData("FullPage")]
    [InlineData("Viewport")]
    [InlineData("None")]
    public async Task The_screenshot_setting_keeps_the_whole_page_its_first_screen_or_none_and_the_text_is_the_same(string mode)
    {
        await using var t = await RenderedSite.StartAsync(new() { ["Fetch:Browser:Screenshot"] = mode });
        t.Site.Page("/data.json", Data("You own your outputs."), "application/json");
        var id = await t.TrackAsync(Html.Replace("</body>", "<div style=\"height:3000px\"></div></body>", StringComparison.Ordinal));

        Assert.Equal(CaptureStatus.First, (await t.CheckAsync()).Status);

        Assert.Contains("You own your outputs.", await t.LatestTextAsync(id));
        var warc = await t.LatestWarcAsync(id);
        Assert.Contains("urn:dom:", warc);
        if (mode == "None")
        {
            Assert.Equal(0, t.Renderer.ScreenshotsTaken);
            Assert.DoesNotContain("urn:screenshot:", warc);
            return;
        }
        Assert.Equal(1, t.Renderer.ScreenshotsTaken);
        // The PNG's IHDR: width and height, big-endian, 16 bytes after its signature (the WARC read as Latin-1, a char per byte).
        var png = warc.IndexOf("\u0089PNG", warc.IndexOf("urn:screenshot:", StringComparison.Ordinal), StringComparison.Ordinal);
        int Int32At(int offset) => (warc[offset] << 24) | (warc[offset + 1] << 16) | (warc[offset + 2] << 8) | warc[offset + 3];
        Assert.Equal(1280, Int32At(png + 16));
        if (mode == "FullPage") Assert.True(Int32At(png + 20) > 3000, $"a full-page screenshot {Int32At(png + 20)} px tall");
        else Assert.Equal(720, Int32At(png + 20));
    }

    private static async Task Unvalidated(HttpContext context, string body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, Encoding.UTF8);
    }

    /// <summary>The scripted page at /terms of "Scripted AI", tracked on a pipeline whose storage requests are logged.</summary>
    private sealed class RenderedSite(StorageRequestLog log, LoopbackSite site, TestPipeline pipeline) : IAsyncDisposable
    {
        public StorageRequestLog Log { get; } = log;
        public LoopbackSite Site { get; } = site;
        public TestPipeline Pipeline { get; } = pipeline;
        public BrowserRenderer Renderer => Pipeline.Get<BrowserRenderer>();
        private DocumentCatalog Catalog => Pipeline.Get<DocumentCatalog>();

        public static async Task<RenderedSite> StartAsync(Dictionary<string, string?>? settings = null)
        {
            var log = new StorageRequestLog();
            var site = await LoopbackSite.StartAsync();
            var values = new Dictionary<string, string?>(settings ?? [])
            {
                ["Fetch:Timeout"] = "00:00:15",
                ["Fetch:Browser:NetworkIdleWait"] = "00:00:00.300",
            };
            return new RenderedSite(log, site, await TestPipeline.StartAsync(values, services => services.AddSingleton<HttpPipelinePolicy>(log)));
        }

        public async Task<DocumentId> TrackAsync(string html = Html)
        {
            Site.Page("/terms", html);
            if (Site.RequestCount("/app.js") == 0) Site.Page("/app.js", Script(), "text/javascript");
            var json = System.Text.Json.JsonSerializer.Serialize(new
            {
                name = "Scripted AI",
                terms = new Dictionary<string, object> { ["Terms of Service"] = new { fetch = Site.Url("/terms").AbsoluteUri, select = new[] { "#terms" }, executeClientScripts = true } },
            });
            var document = DeclarationParser.Parse(json, "scripted-ai.json").Documents.Single();
            await Catalog.UpsertAsync(document);
            return document.Id;
        }

        /// <summary>Checks every document in a capture cycle, logging only the storage requests of the check itself.</summary>
        public async Task<CaptureOutcome> CheckAsync()
        {
            var documents = await Catalog.ListAsync();
            Log.Clear();
            return Assert.Single(await Pipeline.Get<CaptureCycle>().RunAsync(documents));
        }

        public async Task<string> LatestTextAsync(DocumentId id)
        {
            var document = await Catalog.GetAsync(id);
            var version = await Pipeline.Get<Snapshots.Archive.VersionLedger>().GetAsync(id, document.VersionCount);
            return await Pipeline.Get<Snapshots.Archive.SnapshotArchive>().ReadTextAsync(version.TextBlob);
        }

        /// <summary>The latest version's WARC capture, its gzip members read as one text.</summary>
        public async Task<string> LatestWarcAsync(DocumentId id)
        {
            var document = await Catalog.GetAsync(id);
            var version = await Pipeline.Get<Snapshots.Archive.VersionLedger>().GetAsync(id, document.VersionCount);
            var blob = await Pipeline.Get<Snapshots.Archive.SnapshotArchive>().ReadAsync(Assert.Single(version.RawSources()).WarcBlob!);
            using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(blob), System.IO.Compression.CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.Latin1);
            return await reader.ReadToEndAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await Pipeline.DisposeAsync();
            await Site.DisposeAsync();
        }
    }
}
