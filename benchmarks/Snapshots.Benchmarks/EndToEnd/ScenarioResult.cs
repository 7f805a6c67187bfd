using Snapshots.Benchmarks.Site;
using Snapshots.Tracking;

namespace Snapshots.Benchmarks.EndToEnd;

/// <summary>The measurements of one capture cycle over the whole corpus.</summary>
public sealed record ScenarioResult(
    string Name,
    IReadOnlyList<TimedOutcome> Outcomes,
    TimeSpan Elapsed,
    long StorageRequests,
    long StorageBytesSent,
    IReadOnlyDictionary<string, RequestTally> StorageRequestKinds,
    long ListRequests,
    SiteStats Site,
    long PeakWorkingSetBytes,
    long AllocatedBytes,
    int Gen2Collections,
    IReadOnlyList<string> Problems,
    TimeSpan PipelineCpu,
    TimeSpan StorageCpu,
    TimeSpan GcPause)
{
    public int Documents => Outcomes.Count;
    public double DocumentsPerSecond => Documents / Elapsed.TotalSeconds;
    public double MillisecondsAt(double percentile) => Percentile(Outcomes.Select(o => o.Elapsed.TotalMilliseconds).ToList(), percentile);
    public double StorageRequestsPerDocument => (double)StorageRequests / Documents;

    public string OutcomeSummary => string.Join(", ", Outcomes
        .GroupBy(o => o.Outcome.Status)
        .OrderBy(g => g.Key)
        .Select(g => $"{g.Count()} {Label(g.Key)}"));

    private static string Label(CaptureStatus status) => status switch
    {
        CaptureStatus.First => "first",
        CaptureStatus.Changed => "changed",
        CaptureStatus.Unchanged => "unchanged",
        _ => "failed",
    };

    /// <summary>Nearest-rank percentile (p in 0..100) of the values.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
