using Snapshots.Archive;

namespace Snapshots.Tracking;

/// <summary>
/// Which texts a document was served, and until when: versions and returns to known variants (observations) in time
/// order; each served text lasts until the next event, the last one until now. Decides whether a new text is a return
/// to a text the document had within a window (a flip between page variants), and describes flips for <c>history</c>.
/// Pure: no I/O.
/// </summary>
public sealed class VariantTimeline
{
    private readonly IReadOnlyList<VersionRecord> _versions;
    private readonly List<(DateTimeOffset At, long Sequence, bool IsObservation)> _events;

    public VariantTimeline(IReadOnlyList<VersionRecord> versions, IReadOnlyList<VariantObservation> observations)
    {
        _versions = versions.OrderBy(v => v.Sequence).ToList();
        _events = _versions.Select(v => (v.CapturedAt, v.Sequence, false))
            .Concat(observations.Select(o => (o.CapturedAt, o.Sequence, true)))
            .OrderBy(e => e.Item1).ThenBy(e => e.Item3)
            .ToList();
    }

    /// <summary>The version whose text is <paramref name="textSha256"/> and was served at some time within <paramref name="window"/> before <paramref name="at"/>; null if none.</summary>
    public VersionRecord? KnownVariant(string textSha256, DateTimeOffset at, TimeSpan window)
    {
        if (window <= TimeSpan.Zero) return null;
        var since = at - window;
        VersionRecord? match = null;
        for (var i = 0; i < _events.Count; i++)
        {
            var until = i + 1 < _events.Count ? _events[i + 1].At : at;
            if (until < since) continue;
            var version = _versions.FirstOrDefault(v => v.Sequence == _events[i].Sequence);
            if (version is not null && version.TextSha256 == textSha256) match = version;
        }
        return match;
    }

    /// <summary>The text hash the document served just before <paramref name="time"/>: its latest version or return before then; null if none.</summary>
    public string? ServedBefore(DateTimeOffset time)
    {
        var last = _events.LastOrDefault(e => e.At < time);
        return last == default ? null : _versions.FirstOrDefault(v => v.Sequence == last.Sequence)?.TextSha256;
    }

    /// <summary>The latest event: the version served now (and whether it came back as a variant).</summary>
    public (long Sequence, DateTimeOffset At)? Served => _events.Count == 0 ? null : (_events[^1].Sequence, _events[^1].At);

    /// <summary>
    /// The flips between versions, compactly: for each pair of versions the page alternated between (by observations),
    /// how many returns there were and since when. "alternates between versions 4 and 5, 12 times since 2026-02-19".
    /// </summary>
    public IReadOnlyList<VariantFlips> Flips()
    {
        var flips = new Dictionary<(long, long), (int Count, DateTimeOffset Since, DateTimeOffset Last)>();
        for (var i = 1; i < _events.Count; i++)
        {
            if (!_events[i].IsObservation) continue;
            var from = _events[i - 1].Sequence;
            var to = _events[i].Sequence;
            if (from == to) continue;
            var key = (Math.Min(from, to), Math.Max(from, to));
            flips[key] = flips.TryGetValue(key, out var seen)
                ? (seen.Count + 1, seen.Since, _events[i].At)
                : (1, _events[i].At, _events[i].At);
        }
        return flips.OrderBy(f => f.Key.Item1).ThenBy(f => f.Key.Item2)
            .Select(f => new VariantFlips(f.Key.Item1, f.Key.Item2, f.Value.Count, f.Value.Since, f.Value.Last))
            .ToList();
    }
}

/// <summary>The page alternated between versions <paramref name="A"/> and <paramref name="B"/>: <paramref name="Returns"/> returns to a known variant, from <paramref name="Since"/> to <paramref name="Last"/>.</summary>
public sealed record VariantFlips(long A, long B, int Returns, DateTimeOffset Since, DateTimeOffset Last)
{
    public override string ToString() =>
        $"alternates between versions {A} and {B}, {Returns} time{(Returns == 1 ? "" : "s")} since {Since.UtcDateTime:yyyy-MM-dd HH:mm} UTC (last {Last.UtcDateTime:yyyy-MM-dd HH:mm} UTC)";
}
