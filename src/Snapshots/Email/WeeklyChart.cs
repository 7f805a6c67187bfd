namespace Snapshots.Email;

/// <summary>
/// The digest's bar chart of changes per week, as bar heights in pixels for an HTML table (no images, no script):
/// heights are proportional to the busiest week, a week with changes is at least <see cref="MinimumBarPixels"/> tall,
/// and a week without changes keeps its column with a zero-height bar over the baseline.
/// </summary>
internal static class WeeklyChart
{
    public const int Weeks = 12;
    public const int MaxBarPixels = 64;
    public const int MinimumBarPixels = 4;

    public static IReadOnlyList<ChartBar> Bars(IReadOnlyList<WeeklyChangeCount> weeks, int maxBarPixels = MaxBarPixels)
    {
        var shown = weeks.TakeLast(Weeks).ToList();
        var busiest = shown.Count == 0 ? 0 : shown.Max(w => w.Changes);
        return shown.Select((week, i) => new ChartBar(
            Label: $"W{week.Week.Week:D2}",
            Changes: week.Changes,
            Height: Height(week.Changes, busiest, maxBarPixels),
            Space: maxBarPixels - Height(week.Changes, busiest, maxBarPixels),
            IsLatest: i == shown.Count - 1)).ToList();
    }

    private static int Height(int changes, int busiest, int max) =>
        changes <= 0 || busiest <= 0 ? 0 : Math.Max(MinimumBarPixels, (int)Math.Round((double)changes / busiest * max, MidpointRounding.AwayFromZero));
}

/// <summary>One week's column: label ("W47"), count, bar height and the empty space above it, in pixels.</summary>
internal sealed record ChartBar(string Label, int Changes, int Height, int Space, bool IsLatest);
