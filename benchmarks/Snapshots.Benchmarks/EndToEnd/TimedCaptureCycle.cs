using System.Diagnostics;
using Snapshots.Capture;
using Snapshots.Catalog;

namespace Snapshots.Benchmarks.EndToEnd;

/// <summary>One document's check: what it did and how long it took, from start of capture to outcome.</summary>
public sealed record TimedOutcome(CaptureOutcome Outcome, TimeSpan Elapsed);

/// <summary>
/// <see cref="CaptureCycle.RunAsync"/> step for step (the same <see cref="CaptureGroups"/>, one <see cref="FetchCycle"/>
/// per cycle, <see cref="DocumentCapturer.CaptureAsync"/> with the same degree of parallelism), plus a stopwatch around
/// each document's capture, which <see cref="CaptureCycle"/> does not expose.
/// </summary>
public sealed class TimedCaptureCycle(DocumentCapturer capturer, PageFetcher fetcher, int concurrency)
{
    public async Task<IReadOnlyList<TimedOutcome>> RunAsync(IReadOnlyList<DocumentRecord> documents, CancellationToken ct = default)
    {
        var fetches = new FetchCycle(fetcher);
        var outcomes = new List<TimedOutcome>(documents.Count);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = ct };
        await Parallel.ForEachAsync(CaptureGroups.Of(documents), parallel, async (group, token) =>
        {
            foreach (var document in group)
            {
                var started = Stopwatch.GetTimestamp();
                var outcome = await capturer.CaptureAsync(document, fetches, token);
                var elapsed = Stopwatch.GetElapsedTime(started);
                lock (outcomes) outcomes.Add(new TimedOutcome(outcome, elapsed));
            }
        });
        return outcomes;
    }
}
