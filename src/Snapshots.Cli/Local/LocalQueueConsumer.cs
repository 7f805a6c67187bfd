using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.Cli.Local;

/// <summary>
/// What the Functions host does for a queue trigger, for local runs: receive, call the handler, delete on success.
/// A message that can never be processed (not base64: the host's own rule; malformed: <see cref="MalformedMessageException"/>)
/// goes to the poison queue at once through <see cref="PoisonQueue"/>, and the rest of the batch goes on. Any other failure
/// leaves the message to reappear, and after <see cref="MaxDequeueCount"/> attempts it is moved to the poison queue. When the
/// command is stopped, the messages it holds go back to the queue at once.
/// </summary>
public sealed partial class LocalQueueConsumer
{
    public const int MaxDequeueCount = 5;

    private readonly StorageClients _storage;
    private readonly Func<string, CancellationToken, Task> _handler;
    private readonly PoisonQueue _poison;
    private readonly ILogger _log;
    private readonly QueueClient _client;

    public LocalQueueConsumer(StorageClients storage, string queue, Func<string, CancellationToken, Task> handler, PoisonQueue poison, ILogger log)
    {
        _storage = storage;
        Queue = queue;
        _handler = handler;
        _poison = poison;
        _log = log;
        _client = storage.ReceivingQueue(queue, MoveUndecodableAsync);
    }

    public string Queue { get; }

    /// <summary>Messages in the queue, visible or not (an estimate from the service).</summary>
    public async Task<long> ApproximateCountAsync(CancellationToken ct = default) =>
        (await _storage.Queue(Queue).GetPropertiesAsync(ct)).Value.ApproximateMessagesCountLong;

    /// <summary>Processes the messages visible now (up to <paramref name="max"/>); returns how many were dealt with (handled or moved to poison).</summary>
    public async Task<int> DrainAsync(TimeSpan visibilityTimeout, int max = int.MaxValue, CancellationToken ct = default)
    {
        var done = 0;
        var seen = 0;
        while (seen < max)
        {
            var batch = Math.Min(32, max - seen);
            QueueMessage[] messages = (await _client.ReceiveMessagesAsync(batch, visibilityTimeout, ct)).Value;
            seen += batch;
            if (messages.Length == 0) break;
            for (var i = 0; i < messages.Length; i++)
            {
                try
                {
                    ct.ThrowIfCancellationRequested();
                    if (await HandleAsync(messages[i], ct)) done++;
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Stopped (Ctrl+C, SIGTERM): the message being handled and those received after it go back to the queue now,
                    // not when their visibility timeout ends.
                    await ReleaseAsync(messages[i..]);
                    throw;
                }
            }
        }
        return done;
    }

    /// <summary>Makes received messages visible again at once; a message that cannot be released reappears after its timeout.</summary>
    private async Task ReleaseAsync(IEnumerable<QueueMessage> messages)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        foreach (var message in messages)
        {
            try { await _client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: limit.Token); }
            catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or HttpRequestException) { }
        }
    }

    private async Task<bool> HandleAsync(QueueMessage message, CancellationToken ct)
    {
        try
        {
            await _handler(message.MessageText, ct);
            await _client.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            return true;
        }
        catch (MalformedMessageException e)
        {
            await _poison.MoveAsync(Queue, message.MessageId, message.MessageText, e.Message, ct);
            await _client.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (message.DequeueCount < MaxDequeueCount)
            {
                LogRetry(_log, message.MessageId, Queue, message.DequeueCount, MaxDequeueCount, e.Message, e);
                return false;
            }
            await _poison.MoveAsync(Queue, message.MessageId, message.MessageText, $"last error: {e.Message}", ct, attempts: message.DequeueCount);
            await _client.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            return true;
        }
    }

    /// <summary>The SDK calls this for a received message that is not valid base64; it is left out of the batch.</summary>
    private async Task MoveUndecodableAsync(QueueMessageDecodingFailedEventArgs args)
    {
        if (args.ReceivedMessage is not { } message) return;
        await _poison.MoveUndecodedAsync(Queue, message.MessageId, message.Body, "not valid base64 (the queues carry base64-encoded JSON)", args.CancellationToken);
        await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken);
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Message {MessageId} on queue '{Queue}' failed (attempt {Attempt} of {Max}; it will be retried): {Problem}")]
    private static partial void LogRetry(ILogger logger, string messageId, string queue, long attempt, int max, string problem, Exception exception);
}
