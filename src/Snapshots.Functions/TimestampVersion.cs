using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Snapshots.Pipeline;
using Snapshots.Storage;

namespace Snapshots.Functions;

/// <summary>Queue "timestamps": an RFC 3161 token for one recorded version's chain hash, stored create-only next to the version.</summary>
public sealed class TimestampVersion(TimestampVersionHandler handler, ILogger<TimestampVersion> logger)
{
    /// <param name="message">The message text (JSON; the host has already decoded the base64 queue encoding).</param>
    /// <param name="id">The queue message id, bound from the trigger metadata.</param>
    [Function(nameof(TimestampVersion))]
    public Task Run([QueueTrigger(QueueNames.Timestamps)] string message, string id, CancellationToken cancellationToken) =>
        MalformedMessages.HandleAsync(logger, id, () => handler.HandleAsync(message, cancellationToken));
}
