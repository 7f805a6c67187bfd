using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapshots.Pipeline;
using Snapshots.Storage;

namespace Snapshots.Cli.Local;

/// <summary>The queue consumers of the local host, bound to the same library handlers as the Functions app's queue triggers.</summary>
public static class LocalQueues
{
    /// <param name="sent">Told about every email the <c>emails</c> consumer handled (to print where outbox files went).</param>
    public static IReadOnlyList<LocalQueueConsumer> Consumers(IServiceProvider services, Action<SendResult>? sent = null)
    {
        var storage = services.GetRequiredService<StorageClients>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Snapshots.LocalQueues");
        var capture = services.GetRequiredService<CaptureDocumentHandler>();
        var email = services.GetRequiredService<SendEmailHandler>();
        var fanOut = services.GetRequiredService<FanOutChangeHandler>();
        return
        [
            new LocalQueueConsumer(storage, QueueNames.Capture, async (message, ct) => await capture.HandleAsync(message, ct), log),
            new LocalQueueConsumer(storage, QueueNames.Changes, async (message, ct) => await fanOut.HandleAsync(message, ct), log),
            // Not `sent?.Invoke(await ...)`: with no callback that would skip the handler and delete the message unsent.
            new LocalQueueConsumer(storage, QueueNames.Emails, async (message, ct) =>
            {
                var result = await email.HandleAsync(message, ct);
                sent?.Invoke(result);
            }, log),
        ];
    }
}
