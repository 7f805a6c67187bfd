using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Archive;
using Snapshots.Fetching;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Pipeline;

public sealed class CaptureIdempotencyTests
{
    [Fact]
    public async Task Schedule_then_handle_a_duplicate_capture_request_records_one_version()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));

        var requests = await t.Pipeline.Get<ScheduleCapturesHandler>().RunAsync(DateTimeOffset.UtcNow);
        Assert.Equal(1, requests);
        var message = Assert.Single((await t.Pipeline.Storage.Queue(QueueNames.Capture).ReceiveMessagesAsync(10)).Value);
        var handler = t.Pipeline.Get<CaptureDocumentHandler>();

        var first = await handler.HandleAsync(message.MessageText);
        var duplicate = await handler.HandleAsync(message.MessageText);

        Assert.Equal(CaptureStatus.First, Assert.Single(first).Status);
        Assert.Equal(CaptureStatus.Unchanged, Assert.Single(duplicate).Status);
        Assert.Single(await t.Pipeline.Get<VersionLedger>().ListAsync(id));
        Assert.Empty((await t.Pipeline.Storage.Queue(QueueNames.Changes).PeekMessagesAsync(10)).Value); // a first version owes no notice
    }

    [Fact]
    public async Task Two_concurrent_captures_of_a_changed_document_record_one_new_version()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training));
        var document = await t.Catalog.GetAsync(id);
        var capturer = t.Pipeline.Get<DocumentCapturer>();
        var fetcher = t.Pipeline.Get<PageFetcher>();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => capturer.CaptureAsync(document, new FetchCycle(fetcher)))));

        var versions = await t.Pipeline.Get<VersionLedger>().ListAsync(id);
        Assert.Equal(2, versions.Count);
        Assert.All(outcomes, o => Assert.Contains(o.Status, new[] { CaptureStatus.Changed, CaptureStatus.Unchanged }));
        Assert.All(outcomes, o => Assert.Equal(2, o.Sequence));
        Assert.Single((await t.Pipeline.Storage.Queue(QueueNames.Changes).PeekMessagesAsync(10)).Value); // version 2's, once
        Assert.True((await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync(id)).Passed);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"v\":99,\"documentIds\":[\"a/b\"],\"requestedAt\":\"2026-01-01T00:00:00Z\"}")]
    [InlineData("{\"v\":1,\"documentIds\":[\"not an id\"],\"requestedAt\":\"2026-01-01T00:00:00Z\"}")]
    [InlineData("{\"v\":1,\"requestedAt\":\"2026-01-01T00:00:00Z\"}")]
    public async Task Malformed_capture_requests_are_refused_before_anything_is_done(string message)
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));

        var error = await Assert.ThrowsAsync<MalformedMessageException>(() => t.Pipeline.Get<CaptureDocumentHandler>().HandleAsync(message));

        Assert.Equal(QueueNames.Capture, error.Queue);
        Assert.Equal(0, t.Site.RequestCount("/privacy"));
        Assert.Null((await t.Catalog.GetAsync(id)).LastAttemptAt);
    }
}
