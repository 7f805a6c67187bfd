using Microsoft.Extensions.Options;
using Snapshots.Catalog;

namespace Snapshots.Capture;

/// <summary>Checks many documents now, a few at a time, fetching each shared page once: what <c>snapshots check</c> runs.</summary>
public sealed class CaptureCycle(DocumentCapturer capturer, PageFetcher fetcher, IOptions<CaptureOptions> options)
{
    public async Task<IReadOnlyList<CaptureOutcome>> RunAsync(IReadOnlyList<DocumentRecord> documents, Action<CaptureOutcome>? progress = null, CancellationToken ct = default)
    {
        var fetches = new FetchCycle(fetcher);
        var outcomes = new List<CaptureOutcome>(documents.Count);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Concurrency), CancellationToken = ct };
        await Parallel.ForEachAsync(CaptureGroups.Of(documents), parallel, async (group, token) =>
        {
            foreach (var document in group)
            {
                var outcome = await capturer.CaptureAsync(document, fetches, token);
                lock (outcomes) outcomes.Add(outcome);
                progress?.Invoke(outcome);
            }
        });
        return outcomes.OrderBy(o => o.Document.ToString(), StringComparer.Ordinal).ToList();
    }
}
