using Microsoft.AspNetCore.Http;
using Snapshots.Tracking;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Pipeline;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// Faults between recording a version and announcing it (the outbox): whatever fails in between, the version's change notice
/// goes out on a later check or capture cycle, once per version (downstream absorbs a repeat). A first version is not a
/// change and owes no notice, so only version 2's is ever on the queue.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class OutboxProbes
{
    private static readonly string First = PolicyPages.Privacy(PolicyPages.Retention);
    private static readonly string Changed = PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training);

    [Fact]
    public async Task A_change_served_with_a_40000_character_ETag_is_recorded_and_announced()
    {
        await using var t = await FaultySite.StartAsync();
        var id = await t.TrackAsync("/privacy", First);
        await t.CheckAsync(id);
        var bigETag = "\"" + new string('e', 40_000) + "\"";
        t.Site.Handle("/privacy", async context =>
        {
            context.Response.Headers.ETag = bigETag;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Changed);
        });

        var outcome = await t.CheckAsync(id);
        var again = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Changed, outcome.Status);
        Assert.Equal(CaptureStatus.Unchanged, again.Status);
        Assert.Equal([2L], await t.NoticesAsync());
        var document = await t.Catalog.GetAsync(id);
        Assert.Null(document.LastETag);
        Assert.Equal(0, document.ConsecutiveFailures);
        Assert.Null(document.NoticePendingSequence);
        Assert.True((await t.Ledger.GetAsync(id, 2)).NoticeSent);
    }

    [Fact]
    public async Task A_notice_the_queue_refused_is_sent_by_the_next_check_and_the_failure_is_counted()
    {
        await using var t = await FaultySite.StartAsync();
        var id = await RecordFirstThenChangeAsync(t);
        t.Fault.Refuse("POST changes/messages");

        var failed = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Failed, failed.Status);
        Assert.Contains("fault injected", failed.Detail);
        var owing = await t.Catalog.GetAsync(id);
        Assert.Equal(2, owing.VersionCount);
        Assert.Equal(2, owing.NoticePendingSequence);
        Assert.Equal(1, owing.ConsecutiveFailures);
        Assert.False((await t.Ledger.GetAsync(id, 2)).NoticeSent);
        Assert.Empty(await t.NoticesAsync());

        t.Fault.Disarm();
        var next = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Unchanged, next.Status);
        Assert.Equal([2L], await t.NoticesAsync());
        Assert.True((await t.Ledger.GetAsync(id, 2)).NoticeSent);
        Assert.Null((await t.Catalog.GetAsync(id)).NoticePendingSequence);
        await t.CheckAsync(id);
        Assert.Equal([2L], await t.NoticesAsync());
    }

    [Fact]
    public async Task A_notice_claimed_by_a_check_that_died_is_sent_once_its_lease_ends()
    {
        var clock = new SettableClock();
        await using var t = await FaultySite.StartAsync(clock: clock);
        var id = await RecordFirstThenChangeAsync(t);
        t.Fault.Refuse("POST changes/messages");
        await t.CheckAsync(id);
        t.Fault.Disarm();
        // A check that claimed the notice and died before sending it (the claim is what it would have left behind).
        Assert.True(await t.Ledger.TryClaimNoticeAsync(await t.Ledger.GetAsync(id, 2), clock.GetUtcNow()));

        await t.CheckAsync(id);

        Assert.Empty(await t.NoticesAsync());
        Assert.Equal(2, (await t.Catalog.GetAsync(id)).NoticePendingSequence);

        clock.Advance(Snapshots.Tracking.ChangeAnnouncer.ClaimLease + TimeSpan.FromSeconds(1));
        await t.CheckAsync(id);

        Assert.Equal([2L], await t.NoticesAsync());
        Assert.Null((await t.Catalog.GetAsync(id)).NoticePendingSequence);
    }

    [Fact]
    public async Task The_capture_cycle_sends_what_a_document_owes_even_when_it_is_not_due()
    {
        await using var t = await FaultySite.StartAsync();
        var id = await RecordFirstThenChangeAsync(t);
        t.Fault.Refuse("POST changes/messages");
        await t.CheckAsync(id);
        t.Fault.Disarm();

        var scheduled = await t.Pipeline.Get<ScheduleCapturesHandler>().RunAsync(DateTimeOffset.UtcNow);

        Assert.Equal(0, scheduled);
        Assert.Equal([2L], await t.NoticesAsync());
        Assert.Null((await t.Catalog.GetAsync(id)).NoticePendingSequence);
    }

    [Fact]
    public async Task When_the_reply_to_the_version_insert_is_lost_the_version_is_still_announced()
    {
        await using var t = await FaultySite.StartAsync();
        var id = await RecordFirstThenChangeAsync(t);
        t.Fault.LoseReply("POST versions");

        var outcome = await t.CheckAsync(id);
        if (outcome.Status == CaptureStatus.Failed) outcome = await t.CheckAsync(id);

        Assert.Equal(1, t.Fault.Fired);
        Assert.Equal(CaptureStatus.Changed, outcome.Status);
        Assert.Equal(2, (await t.Ledger.ListAsync(id)).Count);
        Assert.Equal([2L], await t.NoticesAsync());
        Assert.True((await t.Ledger.GetAsync(id, 2)).NoticeSent);
    }

    [Fact]
    public async Task A_document_row_that_could_not_be_written_after_the_version_still_gets_its_notice()
    {
        await using var t = await FaultySite.StartAsync();
        var id = await RecordFirstThenChangeAsync(t);
        // The write that points the document at version 2 (one transaction with the version's pending log entry) fails once
        // (as the 40,000-character ETag made Azure refuse it).
        t.Fault.Refuse("POST $batch", times: 1);

        var failed = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Failed, failed.Status);
        var document = await t.Catalog.GetAsync(id);
        Assert.Equal(1, document.ConsecutiveFailures);
        Assert.Contains("InvalidOperationException", document.LastError);
        Assert.Equal(2, (await t.Ledger.ListAsync(id)).Count);
        Assert.Empty(await t.NoticesAsync());

        var next = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Changed, next.Status);
        Assert.Contains("recorded by a concurrent capture", next.Detail);
        Assert.Equal([2L], await t.NoticesAsync());
        Assert.Equal(0, (await t.Catalog.GetAsync(id)).ConsecutiveFailures);
        var verified = await t.Pipeline.Get<Snapshots.Archive.ArchiveVerifier>().VerifyAsync(id);
        Assert.True(verified.Passed, string.Join("\n", verified.Problems));
    }

    /// <summary>Tracks the privacy page, records its first version, then changes the page (the next check finds version 2).</summary>
    private static async Task<Snapshots.Catalog.DocumentId> RecordFirstThenChangeAsync(FaultySite t)
    {
        var id = await t.TrackAsync("/privacy", First);
        await t.CheckAsync(id);
        t.Site.Page("/privacy", Changed);
        return id;
    }
}
