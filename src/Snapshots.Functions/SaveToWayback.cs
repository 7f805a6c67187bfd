using Microsoft.Azure.Functions.Worker;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;

namespace Snapshots.Functions;

/// <summary>Queue "wayback": a Save Page Now capture of one new version's source page, its Wayback URL recorded on the version row.</summary>
public sealed class SaveToWayback(SaveToWaybackHandler handler, PoisonQueue poison)
{
    /// <param name="message">The message text (JSON; the host has already decoded the base64 queue encoding).</param>
    /// <param name="id">The queue message id, bound from the trigger metadata.</param>
    [Function(nameof(SaveToWayback))]
    public Task Run([QueueTrigger(QueueNames.Wayback)] string message, string id, CancellationToken cancellationToken) =>
        MalformedMessages.HandleAsync(poison, id, message, () => handler.HandleAsync(message, cancellationToken), cancellationToken);
}
