using Snapshots.Text;
using Microsoft.AspNetCore.Http;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Archive;
using Snapshots.Storage;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Pipeline;

public sealed class CaptureTests
{
    [Fact]
    public async Task First_capture_records_one_version_with_raw_and_text_blobs_and_no_change_notice()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.First, outcome.Status);
        var versions = await t.Pipeline.Get<VersionLedger>().ListAsync(id);
        var version = Assert.Single(versions);
        Assert.Equal(1, version.Sequence);
        Assert.Equal(HashChain.CurrentFormat, version.ChainFormat);
        Assert.Equal(HashChain.Of(version), version.ChainHash);
        var text = await t.Pipeline.Get<SnapshotArchive>().ReadTextAsync(version.TextBlob);
        Assert.Contains("We keep your prompts for 30 days.", text);
        Assert.DoesNotContain("cookies", text);
        Assert.DoesNotContain("Pricing", text);
        Assert.Equal(version.TextSha256, Sha256Hex.Of(text));
        Assert.Equal(3, await t.BlobCountAsync()); // the raw page, its WARC capture and the text
        var raw = Assert.Single(version.RawSources());
        Assert.EndsWith(".html", raw.Blob);

        // The start of tracking is not a change: nothing is owed to the changes queue.
        Assert.Empty((await t.Pipeline.Storage.Queue(QueueNames.Changes).PeekMessagesAsync(10)).Value);
        Assert.Null(version.NoticeSent);

        var document = await t.Catalog.GetAsync(id);
        Assert.Equal(1, document.VersionCount);
        Assert.Equal(version.TextSha256, document.CurrentSha256);
        Assert.NotNull(document.LastCheckedAt);
    }

    [Fact]
    public async Task Unchanged_page_writes_no_blob_and_no_version_and_only_touches_last_checked()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var before = await t.Catalog.GetAsync(id);
        await Task.Delay(20);

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Unchanged, outcome.Status);
        Assert.Equal(3, await t.BlobCountAsync());
        Assert.Single(await t.Pipeline.Get<VersionLedger>().ListAsync(id));
        var after = await t.Catalog.GetAsync(id);
        Assert.True(after.LastCheckedAt > before.LastCheckedAt);
        Assert.Equal(before.LastChangedAt, after.LastChangedAt);
    }

    [Fact]
    public async Task Conditional_get_answered_304_counts_as_verified()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Unchanged, outcome.Status);
        Assert.Contains("304", outcome.Detail);
        Assert.Contains(t.Site.Requests, r => r.Path == "/privacy" && r.Headers.ContainsKey("If-None-Match"));
    }

    [Fact]
    public async Task Change_inside_the_selection_records_exactly_one_new_version_chained_to_the_first()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);

        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention.Replace("30 days", "90 days")));
        var changed = await t.CheckAsync(id);
        var again = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Changed, changed.Status);
        Assert.Equal(CaptureStatus.Unchanged, again.Status);
        var versions = await t.Pipeline.Get<VersionLedger>().ListAsync(id);
        Assert.Equal(2, versions.Count);
        Assert.Equal(versions[0].ChainHash, versions[1].PreviousChainHash);
        Assert.Equal(versions[0].TextSha256, versions[1].PreviousTextSha256);
        Assert.True(versions[1].WordsAdded >= 1 && versions[1].WordsRemoved >= 1);
        Assert.Contains("90 days", await t.Pipeline.Get<SnapshotArchive>().ReadTextAsync(versions[1].TextBlob));
    }

    [Fact]
    public async Task Change_only_outside_the_selection_records_nothing()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);

        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention, nav: "Home | Careers | Pricing", footer: "© 2027 Example Inc."));
        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Unchanged, outcome.Status);
        Assert.Single(await t.Pipeline.Get<VersionLedger>().ListAsync(id));
        Assert.Equal(3, await t.BlobCountAsync());
    }

    [Fact]
    public async Task Selector_matching_nothing_is_a_failure_on_the_document_and_never_an_empty_version()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);

        t.Site.Page("/privacy", "<html><body><div class=\"redesigned\"><p>New layout</p></div></body></html>");
        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Failed, outcome.Status);
        Assert.Contains("main.legal", outcome.Detail);
        var document = await t.Catalog.GetAsync(id);
        Assert.Equal(1, document.ConsecutiveFailures);
        Assert.Contains("main.legal", document.LastError);
        Assert.NotNull(document.FailingSince);
        Assert.Single(await t.Pipeline.Get<VersionLedger>().ListAsync(id));
    }

    [Fact]
    public async Task Http_404_increments_failures_keeps_versions_and_a_later_success_resets_them()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var versionBefore = (await t.Catalog.GetAsync(id)).CurrentSha256;

        t.Site.Handle("/privacy", context => { context.Response.StatusCode = 404; return Task.CompletedTask; });
        var first = await t.CheckAsync(id);
        var second = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Failed, first.Status);
        Assert.Contains("404", first.Detail);
        var failing = await t.Catalog.GetAsync(id);
        Assert.Equal(2, failing.ConsecutiveFailures);
        Assert.Equal(versionBefore, failing.CurrentSha256);
        Assert.Single(await t.Pipeline.Get<VersionLedger>().ListAsync(id));

        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        Assert.Equal(CaptureStatus.Unchanged, (await t.CheckAsync(id)).Status);
        var recovered = await t.Catalog.GetAsync(id);
        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.Null(recovered.LastError);
    }

    [Fact]
    public async Task Server_error_then_success_records_the_version_after_a_retry()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var calls = 0;
        t.Site.Handle("/privacy", async context =>
        {
            if (Interlocked.Increment(ref calls) == 1) { context.Response.StatusCode = 500; return; }
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(PolicyPages.Privacy(PolicyPages.Retention));
        });

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.First, outcome.Status);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Private_addresses_are_refused_unless_allowed_and_nothing_is_fetched()
    {
        await using var t = await TrackedSite.StartAsync(new Dictionary<string, string?> { ["Fetch:AllowPrivateNetworks"] = "false" });
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Failed, outcome.Status);
        Assert.Contains("loopback", outcome.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, t.Site.RequestCount("/privacy"));
        Assert.Empty(await t.Pipeline.Get<VersionLedger>().ListAsync(id));
    }

    [Fact]
    public async Task Documents_sharing_a_page_fetch_it_once_per_cycle()
    {
        await using var t = await TrackedSite.StartAsync();
        t.Site.Page("/legal", PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training));
        var declaration = Snapshots.Catalog.DeclarationParser.Parse(PolicyPages.Declaration("Example AI",
            ("Privacy Policy", t.Site.Url("/legal")), ("Terms of Service", t.Site.Url("/legal"))), "example-ai.json");
        foreach (var document in declaration.Documents) await t.Catalog.UpsertAsync(document);

        var outcomes = await t.Pipeline.Get<CaptureCycle>().RunAsync(await t.Catalog.ListAsync());

        Assert.Equal(2, outcomes.Count(o => o.Status == CaptureStatus.First));
        Assert.Equal(1, t.Site.RequestCount("/legal"));
    }
}
