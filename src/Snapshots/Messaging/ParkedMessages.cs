using System.Text;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Snapshots.Storage;

namespace Snapshots.Messaging;

/// <summary>
/// The poison queues seen from the other side: what is parked there, and re-driving it. A pass receives the parked messages
/// of one queue (each hidden for <see cref="PassLease"/>, so two passes do not both take one; those it keeps are made visible
/// again when the pass ends, so a look at the queue sees them), and puts every one that is due
/// (<see cref="RedrivePolicy"/>) back on its queue with its re-drive count raised, then deletes it from the poison queue. A
/// crash in between leaves it on both: every handler is idempotent (the delivery ledger sends an email once), so that costs
/// nothing but a repeat. A message that cannot be decoded as its queue's contract is never re-driven, and one past the bound
/// stays parked and is logged as an error on every pass.
/// </summary>
public sealed partial class ParkedMessages(StorageClients storage, RedrivePolicy policy, ILogger<ParkedMessages> log)
{
    /// <summary>At most this many messages per queue and pass; the rest wait for the next pass.</summary>
    public const int MaxPerPass = 512;
    /// <summary>How long a message received by a pass stays hidden from other passes (a kept one reappears after it).</summary>
    public static readonly TimeSpan PassLease = TimeSpan.FromSeconds(30);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public RedrivePolicy Policy => policy;

    /// <summary>A look without taking anything: the approximate count, and up to 32 visible messages classified (peeked).</summary>
    public async Task<ParkedReport> LookAsync(string queue, DateTimeOffset now, CancellationToken ct = default)
    {
        var poison = storage.RawQueue(QueueNames.PoisonOf(queue));
        var count = (await poison.GetPropertiesAsync(ct)).Value.ApproximateMessagesCountLong;
        if (count == 0) return new ParkedReport(queue, 0, []);
        PeekedMessage[] peeked = (await poison.PeekMessagesAsync(32, ct)).Value;
        return new ParkedReport(queue, count, peeked.Select(m => Classify(queue, m.MessageId, m.Body, m.InsertedOn, now, RedriveMode.WhenDue)).ToList());
    }

    /// <summary>One pass over <paramref name="queue"/>'s poison queue: re-drives what <paramref name="mode"/> allows, keeps the rest.</summary>
    public async Task<ParkedReport> RedriveAsync(string queue, DateTimeOffset now, RedriveMode mode = RedriveMode.WhenDue, CancellationToken ct = default)
    {
        var poison = storage.RawQueue(QueueNames.PoisonOf(queue));
        var approximate = (await poison.GetPropertiesAsync(ct)).Value.ApproximateMessagesCountLong;
        var seen = new List<ParkedMessage>();
        var kept = new List<(string Id, string PopReceipt)>();
        while (approximate > 0 && seen.Count < MaxPerPass)
        {
            QueueMessage[] batch = (await poison.ReceiveMessagesAsync(Math.Min(32, MaxPerPass - seen.Count), PassLease, ct)).Value;
            if (batch.Length == 0) break;
            foreach (var message in batch)
            {
                var parked = Classify(queue, message.MessageId, message.Body, message.InsertedOn, now, mode);
                if (parked.State == ParkedState.Redriven)
                {
                    await storage.Queue(queue).SendMessageAsync(RedriveCount.With(parked.Text!, parked.Redrives + 1), ct);
                    await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
                    LogRedriven(log, message.MessageId, QueueNames.PoisonOf(queue), queue, parked.Redrives + 1, policy.MaxRedrives);
                }
                else
                {
                    if (parked.State == ParkedState.Exhausted) LogExhausted(log, message.MessageId, QueueNames.PoisonOf(queue), parked.Redrives, parked.ParkedAt);
                    kept.Add((message.MessageId, message.PopReceipt));
                }
                seen.Add(parked);
            }
        }
        foreach (var (id, popReceipt) in kept)
        {
            try { await poison.UpdateMessageAsync(id, popReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: ct); }
            catch (Azure.RequestFailedException e) when (e.Status == 404) { } // taken by another pass after our lease: theirs now
        }
        return new ParkedReport(queue, approximate, seen);
    }

    /// <summary>What <paramref name="mode"/> makes of one parked message (pure: nothing is moved here).</summary>
    internal ParkedMessage Classify(string queue, string messageId, BinaryData body, DateTimeOffset? parkedAt, DateTimeOffset now, RedriveMode mode)
    {
        string text;
        try { text = StrictUtf8.GetString(Convert.FromBase64String(body.ToString())); }
        catch (Exception e) when (e is FormatException or DecoderFallbackException or ArgumentException)
        {
            return new ParkedMessage(queue, messageId, null, 0, parkedAt, ParkedState.Unreadable, null, "not valid base64 UTF-8 (the queues carry base64-encoded JSON)");
        }
        var redrives = 0;
        var problem = QueueContracts.ProblemWith(queue, text) ?? (RedriveCount.TryRead(text, out redrives) ? null : "not a JSON object");
        if (problem is not null) return new ParkedMessage(queue, messageId, text, 0, parkedAt, ParkedState.Unreadable, null, problem);
        var due = policy.DueAt(parkedAt ?? now, redrives);
        var state = policy.IsExhausted(redrives) && mode != RedriveMode.NowIncludingExhausted ? ParkedState.Exhausted
            : mode == RedriveMode.WhenDue && now < due ? ParkedState.Waiting
            : ParkedState.Redriven;
        return new ParkedMessage(queue, messageId, text, redrives, parkedAt, state, state == ParkedState.Waiting ? due : null);
    }

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Message {MessageId} re-driven from '{PoisonQueue}' to '{Queue}' (re-drive {Redrive} of {Max})")]
    private static partial void LogRedriven(ILogger logger, string messageId, string poisonQueue, string queue, int redrive, int max);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Message {MessageId} stays parked on '{PoisonQueue}' after {Redrives} re-drives (last parked {ParkedAt:u}); re-drive it by hand with 'snapshots queues redrive --force' once the cause is fixed")]
    private static partial void LogExhausted(ILogger logger, string messageId, string poisonQueue, int redrives, DateTimeOffset? parkedAt);
}
