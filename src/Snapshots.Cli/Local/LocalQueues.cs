using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapshots.Tracking;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;

namespace Snapshots.Cli.Local;

/// <summary>
/// The queue consumers of the local host, bound to exactly the library handlers that the Functions app's queue
/// functions call (CaptureDocument, FanOutChange, SendEmail, TimestampVersion, SaveToWayback, DeliverToChannel). The observers only watch results; the handlers always run.
/// </summary>
public static class LocalQueues
{
    /// <param name="sent">Told about every email the <c>emails</c> consumer handled (to print where outbox files went).</param>
    /// <param name="captured">Told about every document check the <c>capture</c> consumer made.</param>
    public static IReadOnlyList<LocalQueueConsumer> Consumers(IServiceProvider services, Action<SendResult>? sent = null, Action<CaptureOutcome>? captured = null)
    {
        var storage = services.GetRequiredService<StorageClients>();
        var poison = services.GetRequiredService<PoisonQueue>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Snapshots.LocalQueues");
        var capture = services.GetRequiredService<CaptureDocumentHandler>();
        var email = services.GetRequiredService<SendEmailHandler>();
        var fanOut = services.GetRequiredService<FanOutChangeHandler>();
        var timestamps = services.GetRequiredService<TimestampVersionHandler>();
        var wayback = services.GetRequiredService<SaveToWaybackHandler>();
        var channels = services.GetRequiredService<DeliverToChannelHandler>();
        return
        [
            new LocalQueueConsumer(storage, QueueNames.Capture, async (message, ct) =>
            {
                var outcomes = await capture.HandleAsync(message, ct);
                foreach (var outcome in outcomes) captured?.Invoke(outcome);
            }, poison, log),
            new LocalQueueConsumer(storage, QueueNames.Changes, async (message, ct) => await fanOut.HandleAsync(message, ct), poison, log),
            // Before emails: a channel disabled while delivering queues its owner's email, which the emails consumer then sends.
            new LocalQueueConsumer(storage, QueueNames.ChannelDeliveries, async (message, ct) => await channels.HandleAsync(message, ct), poison, log),
            new LocalQueueConsumer(storage, QueueNames.Emails, async (message, ct) =>
            {
                // The handler runs first, whether or not anyone observes the result.
                var result = await email.HandleAsync(message, ct);
                sent?.Invoke(result);
            }, poison, log),
            new LocalQueueConsumer(storage, QueueNames.Timestamps, async (message, ct) => await timestamps.HandleAsync(message, ct), poison, log),
            new LocalQueueConsumer(storage, QueueNames.Wayback, async (message, ct) => await wayback.HandleAsync(message, ct), poison, log),
        ];
    }
}
