using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.Cli.Local;

/// <summary>
/// What the Functions host does for a queue trigger, for local runs: receive, call the handler, delete on success;
/// on failure leave the message to reappear, and after <see cref="MaxDequeueCount"/> attempts move it to the poison queue.
/// </summary>
public sealed class LocalQueueConsumer(StorageClients storage, string queue, Func<string, CancellationToken, Task> handler, ILogger log)
{
    public const int MaxDequeueCount = 5;

    public string Queue => queue;

    /// <summary>Messages in the queue, visible or not (an estimate from the service).</summary>
    public async Task<long> ApproximateCountAsync(CancellationToken ct = default) =>
        (await storage.Queue(queue).GetPropertiesAsync(ct)).Value.ApproximateMessagesCountLong;

    /// <summary>Processes the messages visible now (up to <paramref name="max"/>); returns how many were handled successfully.</summary>
    public async Task<int> DrainAsync(TimeSpan visibilityTimeout, int max = int.MaxValue, CancellationToken ct = default)
    {
        var client = storage.Queue(queue);
        var handled = 0;
        var seen = 0;
        while (seen < max)
        {
            QueueMessage[] messages = (await client.ReceiveMessagesAsync(Math.Min(32, max - seen), visibilityTimeout, ct)).Value;
            if (messages.Length == 0) break;
            foreach (var message in messages)
            {
                seen++;
                try
                {
                    await handler(message.MessageText, ct);
                    await client.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                    handled++;
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    log.LogWarning(e, "Message {MessageId} on {Queue} failed (attempt {Attempt} of {Max})", message.MessageId, queue, message.DequeueCount, MaxDequeueCount);
                    if (message.DequeueCount >= MaxDequeueCount || e is MalformedMessageException)
                    {
                        await storage.Queue(QueueNames.PoisonOf(queue)).SendMessageAsync(message.MessageText, ct);
                        await client.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                    }
                }
            }
        }
        return handled;
    }
}
