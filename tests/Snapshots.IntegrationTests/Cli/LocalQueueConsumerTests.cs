using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapshots.Cli.Local;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Cli;

public sealed class LocalQueueConsumerTests
{
    [Fact]
    public async Task A_message_that_keeps_failing_is_retried_then_moved_after_five_attempts_and_the_log_says_so_truthfully()
    {
        var logged = new RecordingLoggerProvider();
        await using var p = await TestPipeline.StartAsync(configure: services => services.AddSingleton<ILoggerProvider>(logged));
        await p.Storage.Queue(QueueNames.Changes).SendMessageAsync("""{"v":1}""");
        var consumer = new LocalQueueConsumer(p.Storage, QueueNames.Changes, (_, _) => throw new InvalidOperationException("storage hiccup"),
            p.Get<PoisonQueue>(), p.Get<ILoggerFactory>().CreateLogger("test"));

        var dealtWith = new List<int>();
        for (var attempt = 1; attempt <= LocalQueueConsumer.MaxDequeueCount; attempt++)
        {
            dealtWith.Add(await consumer.DrainAsync(TimeSpan.FromSeconds(1), max: 1));
            if (attempt < LocalQueueConsumer.MaxDequeueCount) await VisibleAgainAsync(p.Storage.Queue(QueueNames.Changes));
        }

        Assert.Equal([0, 0, 0, 0, 1], dealtWith);
        Assert.Equal(4, logged.Messages.Count(m => m.Contains("it will be retried", StringComparison.Ordinal)));
        var moved = Assert.Single(logged.Messages, m => m.Contains("moved to", StringComparison.Ordinal));
        Assert.Contains("moved to 'changes-poison' after 5 failed attempts: last error: storage hiccup", moved);
        Assert.DoesNotContain("at once", moved);
        Assert.Single((await p.Storage.Queue(QueueNames.PoisonOf(QueueNames.Changes)).ReceiveMessagesAsync(32)).Value);
        Assert.Equal(0, (await p.Storage.Queue(QueueNames.Changes).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Stopping_puts_the_message_being_handled_and_the_rest_of_its_batch_back_on_the_queue_at_once()
    {
        await using var p = await TestPipeline.StartAsync();
        var queue = p.Storage.Queue(QueueNames.Changes);
        foreach (var n in new[] { 1, 2, 3 }) await queue.SendMessageAsync($$"""{"v":{{n}}}""");
        using var stop = new CancellationTokenSource();
        var handling = new TaskCompletionSource();
        var consumer = new LocalQueueConsumer(p.Storage, QueueNames.Changes, async (_, ct) =>
        {
            handling.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }, p.Get<PoisonQueue>(), p.Get<ILoggerFactory>().CreateLogger("test"));

        var drain = consumer.DrainAsync(TimeSpan.FromMinutes(10), ct: stop.Token);
        await handling.Task.WaitAsync(TimeSpan.FromSeconds(30));
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => drain);

        // Received with a 10-minute visibility timeout, yet every one is visible again now.
        var back = (await queue.ReceiveMessagesAsync(32)).Value;
        Assert.Equal(3, back.Length);
        Assert.All(back, m => Assert.Equal(2, m.DequeueCount)); // received once by the stopped drain, once here
    }

    /// <summary>Waits until the failed message is visible again (its 1 s visibility ends), however busy the machine is.</summary>
    private static async Task VisibleAgainAsync(Azure.Storage.Queues.QueueClient queue)
    {
        for (var waited = 0; waited < 300; waited++)
        {
            if ((await queue.PeekMessagesAsync(1)).Value.Length == 1) return;
            await Task.Delay(100);
        }
        Assert.Fail("the failed message did not become visible again within 30 s");
    }
}
