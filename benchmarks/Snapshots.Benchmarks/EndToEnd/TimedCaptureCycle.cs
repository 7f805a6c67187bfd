using System.Diagnostics;
using Snapshots.Capture;
using Snapshots.Catalog;

namespace Snapshots.Benchmarks.EndToEnd;

/// <summary>One document's check: what it did and how long it took, from start of capture to outcome.</summary>
public sealed record TimedOutcome(CaptureOutcome Outcome, TimeSpan Elapsed);

/// <summary>
/// <see cref="CaptureCycle.RunAsync"/> step for step (the same <see cref="CaptureGroups"/>, one <see cref="FetchCycle"/>
/// per cycle, <see cref="DocumentCapturer.CaptureAsync"/> with the same degree of parallelism), plus a stopwatch around
/// each document's capture, which <see cref="CaptureCycle"/> does not expose. One difference: an exception other than
/// <see cref="FetchException"/> or <see cref="ExtractionException"/> escaping <see cref="DocumentCapturer.CaptureAsync"/>
/// (which would end <see cref="CaptureCycle.RunAsync"/> for all documents) is recorded as that document's failure,
/// with <see cref="Crashed"/> in front of its detail, so that the run finishes and reports it.
/// </summary>
public sealed class TimedCaptureCycle(DocumentCapturer capturer, PageFetcher fetcher, int concurrency)
{
    public const string Crashed = "CRASHED ";

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
                CaptureOutcome outcome;
                try
                {
                    outcome = await capturer.CaptureAsync(document, fetches, token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    outcome = new CaptureOutcome(document.Id, CaptureStatus.Failed, $"{Crashed}{e.GetType().Name}: {e.Message} ({ThrownFrom(e)})");
                }
                var elapsed = Stopwatch.GetElapsedTime(started);
                lock (outcomes) outcomes.Add(new TimedOutcome(outcome, elapsed));
            }
        });
        return outcomes;
    }

    /// <summary>The innermost Snapshots library method on the exception's stack: where the library let it escape from.</summary>
    private static string ThrownFrom(Exception e) =>
        (e.StackTrace ?? "").Split('\n')
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith("at Snapshots.", StringComparison.Ordinal) && !line.StartsWith("at Snapshots.Benchmarks", StringComparison.Ordinal))
            is { } frame ? frame[3..(frame.IndexOf('(') is var open and > 0 ? open : frame.Length)] : "unknown";
}
