using Microsoft.Azure.Functions.Worker;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;

namespace Snapshots.Functions;

/// <summary>Queue "timestamps": an RFC 3161 token for one recorded version's chain hash, stored create-only next to the version.</summary>
public sealed class TimestampVersion(TimestampVersionHandler handler, PoisonQueue poison)
{
    /// <param name="message">The message text (JSON; the host has already decoded the base64 queue encoding).</param>
    /// <param name="id">The queue message id, bound from the trigger metadata.</param>
    [Function(nameof(TimestampVersion))]
    public Task Run([QueueTrigger(QueueNames.Timestamps)] string message, string id, CancellationToken cancellationToken) =>
        MalformedMessages.HandleAsync(poison, id, message, () => handler.HandleAsync(message, cancellationToken), cancellationToken);
}
