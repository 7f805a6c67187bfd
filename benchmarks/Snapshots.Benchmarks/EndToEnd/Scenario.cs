using Snapshots.Benchmarks.Site;
using Snapshots.Tracking;

namespace Snapshots.Benchmarks.EndToEnd;

/// <summary>One cycle to measure: how the site behaves during it, and what every document's outcome must be.</summary>
public sealed record Scenario(string Name, Func<CorpusSiteProcess, Task> Prepare, Func<int, CaptureOutcome, string?> Check)
{
    /// <summary>The four cycles, in the order they must run (each starts from the state the previous one left).</summary>
    public static IReadOnlyList<Scenario> All(Func<int, bool> isEdited) =>
    [
        new("a. first cycle", site => site.HonourConditionalHeadersAsync(true),
            (_, o) => Expect(o, CaptureStatus.First, null)),
        new("b. unchanged, conditional GET (304)", site => site.HonourConditionalHeadersAsync(true),
            (_, o) => Expect(o, CaptureStatus.Unchanged, "not modified")),
        new("c. unchanged, conditional headers ignored (200, same bytes)", site => site.HonourConditionalHeadersAsync(false),
            (_, o) => Expect(o, CaptureStatus.Unchanged, "same raw bytes")),
        new("d. 10% changed (conditional GET)", async site =>
            {
                await site.HonourConditionalHeadersAsync(true);
                await site.EditTenthAsync(revision: 1);
            },
            (index, o) => isEdited(index) ? Expect(o, CaptureStatus.Changed, null) : Expect(o, CaptureStatus.Unchanged, "not modified")),
    ];

    private static string? Expect(CaptureOutcome outcome, CaptureStatus status, string? detailStart) =>
        outcome.Status == status && (detailStart is null || outcome.Detail.StartsWith(detailStart, StringComparison.Ordinal))
            ? null
            : $"{outcome.Document}: expected {status}{(detailStart is null ? "" : $" ({detailStart})")}, got {outcome.Status} ({outcome.Detail})";
}
