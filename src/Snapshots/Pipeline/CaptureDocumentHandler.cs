using Microsoft.Extensions.Logging;
using Snapshots.Catalog;
using Snapshots.Fetching;
using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Tracking;

namespace Snapshots.Pipeline;

/// <summary>Queue: checks the documents of one <see cref="CaptureRequest"/>, fetching each shared page once.</summary>
public sealed class CaptureDocumentHandler(DocumentCatalog catalog, DocumentCapturer capturer, PageFetcher fetcher, Fetching.BrowserRenderer renderer,
    RenderRevalidator revalidator, BodyBytesInFlight budget, ILogger<CaptureDocumentHandler> log)
{
    public async Task<IReadOnlyList<CaptureOutcome>> HandleAsync(string message, CancellationToken ct = default)
    {
        var request = QueueMessageCodec.Decode<CaptureRequest>(QueueNames.Capture, message, CaptureRequest.CurrentVersion);
        if (request.DocumentIds is not { Count: > 0 })
            throw new MalformedMessageException(QueueNames.Capture, "CaptureRequest names no document");
        var ids = new List<DocumentId>();
        foreach (var text in request.DocumentIds)
        {
            if (!DocumentId.TryParse(text, out var id))
                throw new MalformedMessageException(QueueNames.Capture, $"'{text}' is not a document id");
            ids.Add(id);
        }

        using var fetches = new FetchCycle(fetcher, renderer, budget, revalidator);
        var outcomes = new List<CaptureOutcome>();
        foreach (var id in ids)
        {
            var document = await catalog.FindAsync(id, ct);
            if (document is null)
            {
                log.LogWarning("Capture request for {Document}, which is no longer tracked: skipped", id);
                continue;
            }
            outcomes.Add(await capturer.CaptureAsync(document, fetches, ct));
        }
        return outcomes;
    }
}
