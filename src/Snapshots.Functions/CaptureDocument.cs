using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Snapshots.Pipeline;
using Snapshots.Storage;

namespace Snapshots.Functions;

/// <summary>Queue "capture": fetch, extract, normalize and hash one document; record a new version and queue a change notice when it changed.</summary>
public sealed class CaptureDocument(CaptureDocumentHandler handler, ILogger<CaptureDocument> logger)
{
    /// <param name="message">The message text (JSON; the host has already decoded the base64 queue encoding).</param>
    /// <param name="id">The queue message id, bound from the trigger metadata.</param>
    [Function(nameof(CaptureDocument))]
    public Task Run([QueueTrigger(QueueNames.Capture)] string message, string id, CancellationToken cancellationToken) =>
        MalformedMessages.HandleAsync(logger, id, () => handler.HandleAsync(message, cancellationToken));
}
