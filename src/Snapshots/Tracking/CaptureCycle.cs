using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Snapshots.Catalog;
using Snapshots.Fetching;

namespace Snapshots.Tracking;

/// <summary>Checks many documents now, several at a time, fetching each shared page once: what <c>snapshots check</c> runs.</summary>
/// <remarks>An unexpected error in one document's check (storage unreachable, a bug) is reported as that document's failure, so
/// one document never stops the others; the queue handler, by contrast, lets it escape so that the message is retried.</remarks>
public sealed class CaptureCycle(DocumentCapturer capturer, PageFetcher fetcher, Fetching.BrowserRenderer renderer, RenderRevalidator revalidator,
    BodyBytesInFlight budget, IOptions<CaptureOptions> options, ILogger<CaptureCycle> log)
{
    public Task<IReadOnlyList<CaptureOutcome>> RunAsync(IReadOnlyList<DocumentRecord> documents, Action<CaptureOutcome>? progress = null, CancellationToken ct = default) =>
        RunTimedAsync(documents, progress is null ? null : (outcome, _) => progress(outcome), ct);

    /// <summary>The same cycle, telling <paramref name="observe"/> each outcome with the time its check took (start of capture to outcome).</summary>
    public async Task<IReadOnlyList<CaptureOutcome>> RunTimedAsync(IReadOnlyList<DocumentRecord> documents, Action<CaptureOutcome, TimeSpan>? observe, CancellationToken ct = default)
    {
        var outcomes = new List<CaptureOutcome>(documents.Count);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Concurrency), CancellationToken = ct };
        await Parallel.ForEachAsync(CaptureGroups.Of(documents), parallel, async (group, token) =>
        {
            // The documents that share a page are one group, checked one after another with the group's own fetches: its pages
            // are let go when the group is done, so a cycle never holds every page it fetched (a sibling page that the platform
            // chrome check needs is fetched again). Their bytes count against Fetch:MaxBytesInFlight until then.
            using var fetches = new FetchCycle(fetcher, renderer, budget, revalidator);
            foreach (var document in group)
            {
                var started = Stopwatch.GetTimestamp();
                CaptureOutcome outcome;
                try
                {
                    outcome = await capturer.CaptureAsync(document, fetches, token);
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    log.LogError(e, "Check of {Document} failed unexpectedly", document.Id);
                    outcome = new CaptureOutcome(document.Id, CaptureStatus.Failed, $"{UnexpectedError} ({e.GetType().Name}): {e.Message}");
                }
                var elapsed = Stopwatch.GetElapsedTime(started);
                lock (outcomes) outcomes.Add(outcome);
                observe?.Invoke(outcome, elapsed);
            }
        });
        return outcomes.OrderBy(o => o.Document.ToString(), StringComparer.Ordinal).ToList();
    }

    /// <summary>How the detail of a check that failed on an error no step expected begins.</summary>
    public const string UnexpectedError = "unexpected error";
}
