using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;
using Snapshots.Web;

namespace Snapshots.IntegrationTests.Pipeline;

/// <summary>
/// Wayback captures through the real <c>wayback</c> queue on Azurite against a loopback Save Page Now 2 stand-in: off by
/// default; 429 deferred by its Retry-After, the job polled until done, the Wayback URL, time and digest on the version row,
/// the version page, the citation and the bundle; a failed job named and nothing recorded; the per-minute limit.
/// </summary>
public sealed class SaveToWaybackTests
{
    private static Dictionary<string, string?> On(LoopbackSavePageNow spn, int perMinute = 10) => new()
    {
        ["Wayback:Enabled"] = "true",
        ["Wayback:Endpoint"] = spn.Endpoint.AbsoluteUri,
        ["Wayback:AccessKey"] = LoopbackSavePageNow.AccessKey,
        ["Wayback:SecretKey"] = LoopbackSavePageNow.SecretKey,
        ["Wayback:PollInterval"] = "00:00:01",
        ["Wayback:RequestsPerMinute"] = perMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Off_by_default_a_new_version_asks_the_Wayback_Machine_nothing()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);

        Assert.Equal(0, (await t.Pipeline.Storage.Queue(QueueNames.Wayback).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_new_version_is_captured_after_a_429_and_a_pending_poll_and_its_Wayback_URL_reaches_the_row_page_citation_and_bundle()
    {
        await using var spn = await LoopbackSavePageNow.StartAsync();
        spn.TooManyRequests = 1;
        await using var t = await TrackedSite.StartAsync(On(spn));
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var handler = t.Pipeline.Get<SaveToWaybackHandler>();
        var url = t.Site.Url("/privacy").AbsoluteUri;

        var outcomes = new List<WaybackOutcome>();
        for (var i = 0; i < 6 && outcomes.LastOrDefault()?.Status != WaybackStatus.Recorded; i++)
            outcomes.Add(await handler.HandleAsync(await NextMessageAsync(t, TimeSpan.FromSeconds(5))));

        Assert.Equal([WaybackStatus.Deferred, WaybackStatus.Submitted, WaybackStatus.Pending, WaybackStatus.Recorded], outcomes.Select(o => o.Status));
        Assert.Contains("HTTP 429", outcomes[0].Detail);
        Assert.All(spn.Requests, r => Assert.Equal($"LOW {LoopbackSavePageNow.AccessKey}:{LoopbackSavePageNow.SecretKey}", r.Authorization));
        Assert.Equal([url, url], spn.Requests.Where(r => r.Method == "POST").Select(r => r.Url));
        var version = Assert.Single(await t.Ledger.ListAsync(id));
        var wayback = $"https://web.archive.org/web/{LoopbackSavePageNow.CaptureTimestamp}/{url}";
        Assert.Equal(wayback, version.WaybackUrl);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 17, 59, 59, TimeSpan.Zero), version.WaybackCapturedAt);
        Assert.Equal("SHA1ABCDEFGHIJKLMNOPQRSTUVWXYZ23", version.WaybackDigest);
        // Not on the chain: the archive still verifies.
        var report = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync();
        Assert.True(report.Passed, string.Join("\n", report.Problems));
        // A second delivery asks nothing.
        var asked = spn.Requests.Count;
        Assert.Equal(WaybackStatus.AlreadyRecorded, (await handler.HandleAsync(QueueMessageCodec.Encode(new WaybackRequest(1, id.ToString(), 1, url)))).Status);
        Assert.Equal(asked, spn.Requests.Count);

        await using var site = await SnapshotsWebsite.StartAsync(t.Pipeline.Configuration, "http://127.0.0.1:0");
        using var http = new HttpClient { BaseAddress = site.Address };
        var page = await http.GetStringAsync($"/platforms/{id.Platform}/{id.TermsType}/versions/1");
        Assert.Contains($"<a href=\"{wayback}\" rel=\"noopener noreferrer\">{wayback}</a>, captured 2026-12-06", page);

        var cli = new CliRunner(t.Pipeline.Configuration);
        Assert.Contains($"; Wayback Machine copy {wayback} (captured 2026-12-06T17:59:59.000Z)", (await cli.RunAsync("cite", id.ToString())).Output);
        var zip = Path.Combine(Path.GetTempPath(), $"wayback-{Guid.NewGuid():N}.zip");
        Assert.Equal(0, (await cli.RunAsync("export", id.ToString(), "-o", zip)).ExitCode);
        using var bundle = System.IO.Compression.ZipFile.OpenRead(zip);
        using var citations = new StreamReader(bundle.GetEntry("data/citations.txt")!.Open());
        Assert.Contains(wayback, await citations.ReadToEndAsync());
    }

    [Fact]
    public async Task A_failed_job_is_named_and_nothing_is_recorded()
    {
        await using var spn = await LoopbackSavePageNow.StartAsync();
        spn.FailJobs = true;
        spn.PendingPolls = 0;
        await using var t = await TrackedSite.StartAsync(On(spn));
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var handler = t.Pipeline.Get<SaveToWaybackHandler>();

        Assert.Equal(WaybackStatus.Submitted, (await handler.HandleAsync(await NextMessageAsync(t, TimeSpan.FromSeconds(5)))).Status);
        var failed = await handler.HandleAsync(await NextMessageAsync(t, TimeSpan.FromSeconds(5)));

        Assert.Equal(WaybackStatus.GivenUp, failed.Status);
        Assert.Contains("job spn2-1 failed: error:bad-gateway: Couldn't connect to the target server.", failed.Detail);
        Assert.Null(Assert.Single(await t.Ledger.ListAsync(id)).WaybackUrl);
        Assert.Equal(0, (await t.Pipeline.Storage.Queue(QueueNames.Wayback).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Submissions_beyond_the_per_minute_limit_wait_for_their_turn()
    {
        await using var spn = await LoopbackSavePageNow.StartAsync();
        await using var t = await TrackedSite.StartAsync(On(spn, perMinute: 1));
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var handler = t.Pipeline.Get<SaveToWaybackHandler>();
        var request = QueueMessageCodec.Encode(new WaybackRequest(1, id.ToString(), 1, t.Site.Url("/privacy").AbsoluteUri));

        Assert.Equal(WaybackStatus.Submitted, (await handler.HandleAsync(request)).Status);
        var second = await handler.HandleAsync(request);

        Assert.Equal(WaybackStatus.Deferred, second.Status);
        Assert.Contains("no turn within 1 captures a minute", second.Detail);
        Assert.Single(spn.Requests, r => r.Method == "POST");
    }

    /// <summary>The next message of the wayback queue (waiting for a delayed one to become visible), removed from it.</summary>
    private static async Task<string> NextMessageAsync(TrackedSite t, TimeSpan within)
    {
        var queue = t.Pipeline.Storage.Queue(QueueNames.Wayback);
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until)
        {
            var received = (await queue.ReceiveMessagesAsync(1)).Value;
            if (received.Length == 1)
            {
                await queue.DeleteMessageAsync(received[0].MessageId, received[0].PopReceipt);
                return received[0].MessageText;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("no message on the wayback queue");
    }
}
