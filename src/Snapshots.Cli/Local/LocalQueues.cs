using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapshots.Pipeline;
using Snapshots.Storage;

namespace Snapshots.Cli.Local;

/// <summary>The queue consumers of the local host, bound to the same library handlers as the Functions app's queue triggers.</summary>
public static class LocalQueues
{
    public static IReadOnlyList<LocalQueueConsumer> Consumers(IServiceProvider services)
    {
        var storage = services.GetRequiredService<StorageClients>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Snapshots.LocalQueues");
        var capture = services.GetRequiredService<CaptureDocumentHandler>();
        return
        [
            new LocalQueueConsumer(storage, QueueNames.Capture, async (message, ct) => await capture.HandleAsync(message, ct), log),
        ];
    }
}
