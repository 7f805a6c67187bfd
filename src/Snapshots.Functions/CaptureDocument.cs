using Microsoft.Azure.Functions.Worker;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;

namespace Snapshots.Functions;

/// <summary>Queue "capture": fetch, extract, normalize and hash one document; record a new version and queue a change notice when it changed.</summary>
public sealed class CaptureDocument(CaptureDocumentHandler handler, PoisonQueue poison)
{
    /// <param name="message">The message text (JSON; the host has already decoded the base64 queue encoding).</param>
    /// <param name="id">The queue message id, bound from the trigger metadata.</param>
    [Function(nameof(CaptureDocument))]
    public Task Run([QueueTrigger(QueueNames.Capture)] string message, string id, CancellationToken cancellationToken) =>
        MalformedMessages.HandleAsync(poison, id, message, () => handler.HandleAsync(message, cancellationToken), cancellationToken);
}
