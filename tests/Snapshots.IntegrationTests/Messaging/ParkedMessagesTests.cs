using Azure.Storage.Queues;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Messaging;

/// <summary>Re-drive passes over real poison queues on Azurite: the backoff, the bound, and messages that are never re-driven.</summary>
public sealed class ParkedMessagesTests
{
    private const string Notice = """{"v":1,"documentId":"example-ai/privacy-policy","sequence":2,"sha256":"ab","capturedAt":"2026-11-16T07:00:00+00:00"}""";

    [Fact]
    public async Task A_parked_message_waits_for_its_backoff_then_goes_back_with_its_count_raised()
    {
        await using var app = await TestPipeline.StartAsync();
        await app.Storage.Queue(QueueNames.PoisonOf(QueueNames.Changes)).SendMessageAsync(Notice);
        var parked = app.Get<ParkedMessages>();
        var now = DateTimeOffset.UtcNow;

        var early = await parked.RedriveAsync(QueueNames.Changes, now.AddMinutes(1));
        var due = await parked.RedriveAsync(QueueNames.Changes, now.AddMinutes(6));

        var waiting = Assert.Single(early.Messages);
        Assert.Equal(ParkedState.Waiting, waiting.State);
        Assert.True(waiting.DueAt > now.AddMinutes(4) && waiting.DueAt < now.AddMinutes(6), $"due {waiting.DueAt}");
        Assert.Equal(ParkedState.Redriven, Assert.Single(due.Messages).State);
        var back = Assert.Single((await app.Storage.Queue(QueueNames.Changes).ReceiveMessagesAsync(32)).Value);
        Assert.True(RedriveCount.TryRead(back.MessageText, out var count));
        Assert.Equal(1, count);
        Assert.Contains("\"documentId\":\"example-ai/privacy-policy\"", back.MessageText);
        Assert.Equal(0, (await app.Storage.Queue(QueueNames.PoisonOf(QueueNames.Changes)).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_message_past_the_bound_stays_parked_unless_forced_and_unreadable_ones_never_move()
    {
        await using var app = await TestPipeline.StartAsync(new Dictionary<string, string?> { ["Redrive:MaxRedrives"] = "2" });
        var poison = QueueNames.PoisonOf(QueueNames.Changes);
        await app.Storage.Queue(poison).SendMessageAsync(RedriveCount.With(Notice, 2));
        await app.Storage.Queue(poison).SendMessageAsync("""{"v":99}""");
        await new QueueClient(app.ConnectionString, poison, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }).SendMessageAsync("not base64!");
        var parked = app.Get<ParkedMessages>();
        var later = DateTimeOffset.UtcNow.AddDays(2);

        var pass = await parked.RedriveAsync(QueueNames.Changes, later, RedriveMode.Now);
        var forced = await parked.RedriveAsync(QueueNames.Changes, later, RedriveMode.NowIncludingExhausted);

        Assert.Equal((0, 1, 2), (pass.Redriven, pass.Exhausted, pass.Unreadable));
        Assert.Contains(pass.Messages, m => m.State == ParkedState.Unreadable && m.Problem!.Contains("malformed message on queue 'changes'", StringComparison.Ordinal));
        Assert.Contains(pass.Messages, m => m.State == ParkedState.Unreadable && m.Problem!.Contains("base64", StringComparison.Ordinal));
        Assert.Equal((1, 0, 2), (forced.Redriven, forced.Exhausted, forced.Unreadable));
        var back = Assert.Single((await app.Storage.Queue(QueueNames.Changes).ReceiveMessagesAsync(32)).Value);
        Assert.True(RedriveCount.TryRead(back.MessageText, out var count));
        Assert.Equal(3, count);
        Assert.Equal(2, (await app.Storage.Queue(poison).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_look_takes_nothing_and_classifies_what_it_sees()
    {
        await using var app = await TestPipeline.StartAsync();
        var poison = QueueNames.PoisonOf(QueueNames.Changes);
        await app.Storage.Queue(poison).SendMessageAsync(Notice);
        await app.Storage.Queue(poison).SendMessageAsync(RedriveCount.With(Notice, 8));

        var look = await app.Get<ParkedMessages>().LookAsync(QueueNames.Changes, DateTimeOffset.UtcNow);
        var again = await app.Get<ParkedMessages>().LookAsync(QueueNames.Changes, DateTimeOffset.UtcNow);

        Assert.Equal((2L, 1, 1), (look.Approximate, look.Waiting, look.Exhausted));
        Assert.Equal(2, again.Messages.Count);
    }
}
