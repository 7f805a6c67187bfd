using Snapshots.Storage;

namespace Snapshots.Messaging;

/// <summary>Writes versioned JSON messages to the pipeline's queues (base64-encoded by the queue clients).</summary>
public sealed class QueuePublisher(StorageClients storage)
{
    public async Task SendAsync<T>(string queue, T message, TimeSpan? delay = null, CancellationToken ct = default) where T : IQueueMessage =>
        await storage.Queue(queue).SendMessageAsync(QueueMessageCodec.Encode(message), visibilityTimeout: delay, cancellationToken: ct);
}
