using Snapshots.Archive;
using Snapshots.Email;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;
using Snapshots.Subscribers;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Pipeline;

public sealed class FanOutTests
{
    [Fact]
    public async Task A_change_fans_out_to_same_day_followers_of_its_platform_only()
    {
        await using var p = await TestPipeline.StartAsync();
        var example = (await TrackedPlatforms.DeclareAsync(p, "Example AI", "Privacy Policy"))[0];
        await TrackedPlatforms.DeclareAsync(p, "Other AI", "Privacy Policy");
        var directory = p.Get<SubscriberDirectory>();
        await directory.AddAsync("free@example.com", "free", ["example-ai"]);
        var watcher = await directory.AddAsync("watcher@example.com", "watcher", ["example-ai"]);
        await directory.AddAsync("quiet@example.com", "watcher", ["example-ai"], alerts: false);
        await directory.AddAsync("elsewhere@example.com", "watcher", ["other-ai"]);
        var monitor = await directory.AddAsync("monitor@example.com", "monitor", ["other-ai", "example-ai"]);
        var suppressed = await directory.AddAsync("bounced@example.com", "watcher", ["example-ai"]);
        suppressed.Suppressed = true;
        await p.Storage.Subscribers.UpdateEntityAsync(suppressed, suppressed.ETag);
        // A stale index row (as left by an interrupted unfollow) must not send mail.
        await p.Storage.Subscribers.UpsertEntityAsync(new FollowerRow { PartitionKey = FollowerRow.PartitionOf("example-ai"), RowKey = EmailAddress.Parse("elsewhere@example.com").Id });

        var sha = new string('e', 64);
        var notice = new ChangeNotice(ChangeNotice.CurrentVersion, example.ToString(), 2, sha, DateTimeOffset.UtcNow, new string('d', 64));
        var count = await p.Get<FanOutChangeHandler>().HandleAsync(QueueMessageCodec.Encode(notice));

        Assert.Equal(2, count);
        var requests = await ReceiveEmailRequestsAsync(p);
        Assert.Equal(new[] { watcher.SubscriberId, monitor.SubscriberId }.Order(), requests.Select(r => r.SubscriberId).Order());
        Assert.All(requests, r =>
        {
            Assert.Equal(AlertEmail.Kind, r.Kind);
            Assert.Equal($"alert:example-ai/privacy-policy:{sha}", r.MessageKey);
            Assert.Equal("example-ai/privacy-policy", r.DocumentId);
            Assert.Equal(2, r.Sequence);
        });
    }

    [Fact]
    public async Task A_change_captured_by_the_pipeline_becomes_one_alert_for_a_watcher()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var changes = t.Pipeline.Storage.Queue(QueueNames.Changes);
        await changes.ClearMessagesAsync();
        var watcher = await t.Pipeline.Get<SubscriberDirectory>().AddAsync("Jane@Example.com", "watcher", ["example-ai"]);
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training));
        await t.CheckAsync(id);

        var message = Assert.Single((await changes.ReceiveMessagesAsync(10)).Value);
        Assert.Equal(1, await t.Pipeline.Get<FanOutChangeHandler>().HandleAsync(message.MessageText));

        var request = Assert.Single(await ReceiveEmailRequestsAsync(t.Pipeline));
        var document = await t.Catalog.GetAsync(id);
        Assert.Equal(watcher.SubscriberId, request.SubscriberId);
        Assert.Equal(AlertEmail.KeyFor(id.ToString(), document.CurrentSha256!), request.MessageKey);
        Assert.Equal(2, request.Sequence);
    }

    [Fact]
    public async Task Unfollowing_stops_alerts_and_removing_leaves_no_index_rows()
    {
        await using var p = await TestPipeline.StartAsync();
        var example = (await TrackedPlatforms.DeclareAsync(p, "Example AI", "Terms of Service"))[0];
        await TrackedPlatforms.DeclareAsync(p, "Other AI", "Terms of Service");
        var directory = p.Get<SubscriberDirectory>();
        await directory.AddAsync("a@example.com", "watcher", ["example-ai"]);
        await directory.FollowAsync("a@EXAMPLE.com", ["other-ai"]);
        Assert.Single(await directory.FollowersAsync("other-ai"));

        await directory.UnfollowAsync("a@example.com", ["example-ai"]);

        Assert.Empty(await directory.FollowersAsync("example-ai"));
        var notice = new ChangeNotice(ChangeNotice.CurrentVersion, example.ToString(), 3, new string('1', 64), DateTimeOffset.UtcNow, new string('2', 64));
        Assert.Equal(0, await p.Get<FanOutChangeHandler>().HandleAsync(QueueMessageCodec.Encode(notice)));
        Assert.Equal([TrackedPlatforms.ProfileRow("a@example.com"), TrackedPlatforms.IndexRow("other-ai", "a@example.com")],
            (await TrackedPlatforms.SubscriberRowsAsync(p)).Order());

        await directory.RemoveAsync("a@example.com");
        Assert.Empty(await TrackedPlatforms.SubscriberRowsAsync(p));
    }

    [Fact]
    public async Task A_first_version_is_the_start_of_tracking_and_raises_no_alert()
    {
        await using var t = await TrackedSite.StartAsync();
        await t.Pipeline.Get<SubscriberDirectory>().AddAsync("watcher@example.com", "watcher", []);
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await t.Pipeline.Get<SubscriberDirectory>().FollowAsync("watcher@example.com", ["example-ai"]);
        await t.CheckAsync(id);

        // No notice is queued for it; one queued by an earlier release (no previous hash) is handled without an alert.
        Assert.Empty((await t.Pipeline.Storage.Queue(QueueNames.Changes).PeekMessagesAsync(10)).Value);
        var first = await t.Pipeline.Get<VersionLedger>().GetAsync(id, 1);
        var count = await t.Pipeline.Get<FanOutChangeHandler>().HandleAsync(QueueMessageCodec.Encode(ChangeAnnouncer.NoticeOf(first)));

        Assert.Null(first.ChangedFromSha256);
        Assert.Equal(0, count);
        Assert.Empty(await ReceiveEmailRequestsAsync(t.Pipeline));
    }

    [Fact]
    public async Task A_malformed_change_notice_is_refused_before_anything_is_sent()
    {
        await using var p = await TestPipeline.StartAsync();
        var handler = p.Get<FanOutChangeHandler>();

        var e = await Assert.ThrowsAsync<MalformedMessageException>(() => handler.HandleAsync("""{"v":1,"documentId":"not an id","sequence":1,"sha256":"ab","capturedAt":"2026-01-01T00:00:00Z"}"""));
        Assert.Contains("'not an id'", e.Message);
        await Assert.ThrowsAsync<MalformedMessageException>(() => handler.HandleAsync("""{"v":9,"documentId":"a/b","sequence":1,"sha256":"ab","capturedAt":"2026-01-01T00:00:00Z"}"""));
        Assert.Empty(await ReceiveEmailRequestsAsync(p));
    }

    internal static async Task<IReadOnlyList<EmailRequest>> ReceiveEmailRequestsAsync(TestPipeline pipeline)
    {
        var messages = (await pipeline.Storage.Queue(QueueNames.Emails).ReceiveMessagesAsync(32)).Value;
        return messages.Select(m => QueueMessageCodec.Decode<EmailRequest>(QueueNames.Emails, m.MessageText, EmailRequest.CurrentVersion)).ToList();
    }
}
