using System.Text.Json;
using Snapshots.Archive;
using Snapshots.Tracking;

namespace Snapshots.Replay;

/// <summary>Scores one imported series: matches our versions (by capture time) with OTA's versions in expected.json, as eval/series.json says.</summary>
public static class SeriesScorer
{
    public static SeriesScore Score(string series, HistoryFolder folder, JsonElement expected, JsonElement settings, IReadOnlyList<JsonElement> knownNoise,
        IReadOnlyList<VersionRecord> ours)
    {
        var captureAt = folder.Captures.ToDictionary(c => c.CapturedAt, c => c.Name);
        var ourCaptures = ours.Select(v => captureAt.TryGetValue(v.CapturedAt, out var name) ? name : $"(unknown time {HashChain.FormatTime(v.CapturedAt)})").ToList();

        var otaChanges = expected.GetProperty("otaVersions").EnumerateArray()
            .Where(v => v.GetProperty("kind").GetString() == "change" && v.GetProperty("capture").ValueKind == JsonValueKind.String)
            .Select(v => v.GetProperty("capture").GetString()!)
            .Distinct().ToList();
        var otaFirst = expected.GetProperty("otaVersions").EnumerateArray()
            .Where(v => v.GetProperty("kind").GetString() == "first").Select(v => v.GetProperty("capture").GetString()).ToHashSet();
        var otaRealChanges = expected.GetProperty("otaRealChanges").GetInt32();

        // series.json decides; for a series it does not list, expected.json's own description does ("Noise: ..." or
        // "Stable: ..." mark a series whose OTA changes are not all real, so only "no more versions than OTA" is required).
        var listed = settings.ValueKind == JsonValueKind.Object;
        var noise = listed
            ? settings.TryGetProperty("noise", out var n) && n.GetBoolean()
            : expected.TryGetProperty("about", out var about) && about.GetString() is { } text
              && (text.StartsWith("Noise", StringComparison.OrdinalIgnoreCase) || text.StartsWith("Stable", StringComparison.OrdinalIgnoreCase));
        var excused = knownNoise.Where(k => k.GetProperty("series").GetString() == series).Select(k => k.GetProperty("capture").GetString()!).ToHashSet();
        var mustRecord = noise
            ? listed && settings.TryGetProperty("realChanges", out var real) ? real.EnumerateArray().Select(c => c.GetString()!).ToList() : []
            : otaChanges.Where(c => !excused.Contains(c)).ToList();

        var recordedAt = ourCaptures.ToHashSet();
        var firstCapture = folder.Captures[0].Name;
        return new SeriesScore(
            series,
            noise,
            folder.Captures.Count,
            otaRealChanges,
            otaRealChanges + 1,
            ours.Count,
            mustRecord,
            mustRecord.Where(c => !recordedAt.Contains(c)).ToList(),
            otaChanges.Where(recordedAt.Contains).ToList(),
            ourCaptures.Where(c => c != firstCapture && !otaChanges.Contains(c) && !otaFirst.Contains(c)).ToList(),
            otaChanges.Where(excused.Contains).ToList());
    }
}
