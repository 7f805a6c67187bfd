using Snapshots.Catalog;
using Snapshots.Tracking;

namespace Snapshots.Benchmarks.EndToEnd;

/// <summary>One document's check: what it did and how long it took, from start of capture to outcome.</summary>
public sealed record TimedOutcome(CaptureOutcome Outcome, TimeSpan Elapsed);

/// <summary>
/// The library's own <see cref="CaptureCycle"/> (what <c>snapshots check</c> runs), observed through
/// <see cref="CaptureCycle.RunTimedAsync"/>: the outcome and time of each document's check. A check that failed on an
/// unexpected error carries <see cref="CaptureCycle.UnexpectedError"/> in its detail, which the scenarios report.
/// </summary>
public sealed class TimedCaptureCycle(CaptureCycle cycle)
{
    public async Task<IReadOnlyList<TimedOutcome>> RunAsync(IReadOnlyList<DocumentRecord> documents, CancellationToken ct = default)
    {
        var outcomes = new List<TimedOutcome>(documents.Count);
        await cycle.RunTimedAsync(documents, (outcome, elapsed) => { lock (outcomes) outcomes.Add(new TimedOutcome(outcome, elapsed)); }, ct);
        return outcomes;
    }
}
