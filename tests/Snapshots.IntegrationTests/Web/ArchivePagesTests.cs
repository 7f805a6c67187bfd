using Snapshots.Text;
using System.Net;
using Snapshots.Archive;

namespace Snapshots.IntegrationTests.Web;

/// <summary>The archive pages over HTTP: content, caching, evidence checked for real, failures told as they are.</summary>
public sealed class ArchivePagesTests
{
    [Fact]
    public async Task Platform_page_counts_the_changes_of_the_last_30_days_and_names_their_topics()
    {
        var (host, _, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var html = await http.GetStringAsync("/platforms/example-ai");

        Assert.Contains("Example AI recorded 1 documented change in the last 30 days.", html);
        Assert.Contains("data retention", html);
        Assert.Contains("href=\"/platforms/example-ai/privacy-policy\"", html);
        Assert.Contains("href=\"/platforms/example-ai/terms-of-service\"", html);
        Assert.Contains("2 versions", html);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/platforms/nobody")).StatusCode);
    }

    [Fact]
    public async Task A_conditional_request_for_an_unchanged_page_gets_304_and_a_new_version_changes_the_tag()
    {
        var (host, privacy, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        foreach (var path in new[] { "/", "/platforms/example-ai", "/platforms/example-ai/privacy-policy", "/platforms/example-ai/privacy-policy/versions/2",
                     "/platforms/example-ai/privacy-policy/compare?from=1&to=2", "/feeds/all.atom", "/api/platforms", "/platforms/example-ai/privacy-policy/versions/1/text.md" })
        {
            var first = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.NotNull(first.Headers.ETag);
            Assert.True(first.Headers.CacheControl?.Public, path);
            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            var second = await http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
            Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        }

        var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/platforms/example-ai/privacy-policy"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        var before = (await http.GetAsync("/platforms/example-ai/privacy-policy")).Headers.ETag!;
        Assert.Equal(before, head.Headers.ETag);
        host.Tracked.Site.Page("/privacy", Infrastructure.PolicyPages.Privacy(Infrastructure.PolicyPages.Retention));
        Assert.True((await host.CheckAsync(privacy)).IsChange);
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/platforms/example-ai/privacy-policy");
        stale.Headers.IfNoneMatch.Add(before);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task Version_page_rehashes_the_blobs_and_says_not_verified_when_one_was_altered()
    {
        var (host, privacy, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };
        var version = await host.Pipeline.Get<VersionLedger>().GetAsync(privacy, 2);

        var good = await http.GetStringAsync("/platforms/example-ai/privacy-policy/versions/2");
        Assert.Matches("Integrity only: the text and [12] raw files? re-hash to the recorded SHA-256", good);
        Assert.Contains(version.TextSha256, good);
        Assert.Contains(version.RawSha256, good);
        Assert.Contains(version.ChainHash, good);
        var text = await http.GetByteArrayAsync("/platforms/example-ai/privacy-policy/versions/2/text.md");
        Assert.Equal(version.TextSha256, Sha256Hex.Of(text));
        var raw = await http.GetByteArrayAsync("/platforms/example-ai/privacy-policy/versions/2/raw/1");
        Assert.Equal(version.RawSources()[0].Sha256, Sha256Hex.Of(raw));
        // No authority is configured in tests: the page says so, and there is no token to download.
        Assert.Contains("None recorded for this version", good);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/platforms/example-ai/privacy-policy/versions/2/timestamp.tsr")).StatusCode);

        // Someone rewrites the archived text behind the ledger's back.
        await host.Pipeline.Storage.Snapshots.GetBlobClient(version.TextBlob).UploadAsync(BinaryData.FromString("# Nothing to see"), overwrite: true);
        var bad = await http.GetStringAsync("/platforms/example-ai/privacy-policy/versions/2");
        Assert.Contains("Not verified: 1 problem found.", bad);
        Assert.Contains($"snapshots/{version.TextBlob} hashes to", bad);
        Assert.DoesNotContain("Integrity only: the text", bad);
    }

    [Fact]
    public async Task Document_page_says_when_checks_fail_and_since_when()
    {
        var (host, privacy, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        host.Tracked.Site.Handle("/privacy", context => { context.Response.StatusCode = 503; return Task.CompletedTask; });
        await host.CheckAsync(privacy);
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var html = await http.GetStringAsync("/platforms/example-ai/privacy-policy");

        Assert.Contains("Checks are failing", html);
        Assert.Contains("Failing since", html);
        Assert.Contains("503", html);
        Assert.Contains("href=\"/platforms/example-ai/privacy-policy/versions/2\"", html);
        Assert.Contains("failing", await http.GetStringAsync("/platforms/example-ai"));
    }

    [Fact]
    public async Task Scraped_text_is_encoded_on_every_page()
    {
        await using var host = await Infrastructure.WebTestHost.StartAsync();
        var id = await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", Infrastructure.PolicyPages.Privacy("<h2>Scripts</h2><p>Write &lt;script&gt;alert(1)&lt;/script&gt; here.</p>"));
        await host.CheckAsync(id);
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var html = await http.GetStringAsync("/platforms/example-ai/privacy-policy/versions/1");

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        var response = await http.GetAsync("/");
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
