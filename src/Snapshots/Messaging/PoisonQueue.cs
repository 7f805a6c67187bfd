using Microsoft.Extensions.Logging;

using Snapshots.Storage;

namespace Snapshots.Messaging;

/// <summary>
/// Where a queue message goes when it can never be processed as written (not base64, not JSON, missing fields, an unknown
/// contract version): straight to <c>{queue}-poison</c>, with one log line naming the queue, the message id, the reason
/// and where it went. Retrying such a message cannot help, so neither host spends its five dequeues on it. Both hosts use
/// this: the Functions app's queue functions and the local consumers of <c>snapshots run</c>.
/// </summary>
public sealed partial class PoisonQueue(StorageClients storage, ILogger<PoisonQueue> log)
{
    /// <summary>
    /// Moves a message whose text was decoded but is refused; the poison copy is encoded like every message.
    /// <paramref name="attempts"/>: how many times it was tried, when it is moved after failing (null: moved at once, never retried).
    /// </summary>
    public async Task MoveAsync(string queue, string? messageId, string text, string reason, CancellationToken ct = default, long? attempts = null)
    {
        var poison = QueueNames.PoisonOf(queue);
        await storage.Queue(poison).SendMessageAsync(text, ct);
        LogMoved(log, messageId ?? "(unknown id)", queue, poison, attempts is { } n ? $"after {n} failed attempts" : "at once", reason);
    }

    /// <summary>Moves a message that could not even be decoded, byte for byte as it was on the queue.</summary>
    public async Task MoveUndecodedAsync(string queue, string? messageId, BinaryData body, string reason, CancellationToken ct = default)
    {
        var poison = QueueNames.PoisonOf(queue);
        await storage.RawQueue(poison).SendMessageAsync(body, cancellationToken: ct);
        LogMoved(log, messageId ?? "(unknown id)", queue, poison, "at once", reason);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Message {MessageId} on queue '{Queue}' moved to '{PoisonQueue}' {When}: {Reason}")]
    private static partial void LogMoved(ILogger logger, string messageId, string queue, string poisonQueue, string when, string reason);
}
