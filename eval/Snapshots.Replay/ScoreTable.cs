namespace Snapshots.Replay;

/// <summary>Prints the replay scores: one row per series, then the details (missed changes, extra versions, excused noise).</summary>
public static class ScoreTable
{
    private static readonly string[] Headers =
        ["series", "kind", "captures", "OTA real changes", "OTA versions", "our versions", "OTA changes we recorded", "must-record recall", "ours not in OTA", "flips folded", "chrome blocks dropped", "empty diffs", "noise: ours vs OTA", "result"];

    public static void Write(TextWriter output, IReadOnlyList<SeriesScore> scores)
    {
        var rows = scores.Select(s => new[]
        {
            s.Series, s.Noise ? "noise" : "real", $"{s.Captures}", $"{s.OtaRealChanges}", $"{s.OtaVersions}", $"{s.OurVersions}",
            $"{s.OtaChangesRecorded.Count}/{s.OtaRealChanges}", s.Recall, $"{s.OursNotInOta.Count}",
            $"{s.FlipsFolded}", s.Chrome.Blocks == 0 ? "0" : $"{s.Chrome.Blocks} in {s.Chrome.Captures} captures ({s.Chrome.DistinctTexts} distinct)",
            $"{s.EmptyDiffs.Count}", s.Noise ? $"{s.OurVersions} vs {s.OtaVersions} ({Reduction(s)})" : "-", s.Failure is null ? "PASS" : "FAIL",
        }).ToList();
        var widths = Headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string Line(IReadOnlyList<string> cells) => "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";
        output.WriteLine(Line(Headers));
        output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        foreach (var row in rows) output.WriteLine(Line(row));
        output.WriteLine();
        if (scores.Count > 0)
        {
            var (ours, ota) = (scores.Sum(s => s.OurVersions), scores.Sum(s => s.OtaVersions));
            var noise = scores.Where(s => s.Noise).ToList();
            var (noiseOurs, noiseOta) = (noise.Sum(s => s.OurVersions), noise.Sum(s => s.OtaVersions));
            var mustRecord = scores.Sum(s => s.MustRecord.Count);
            output.WriteLine($"all series: {ours} versions vs OTA's {ota} ({Percent(ota - ours, ota)} fewer); " +
                $"noise series: {noiseOurs} vs {noiseOta} ({Percent(noiseOta - noiseOurs, noiseOta)} fewer, {Fraction(noiseOurs, noiseOta)} of OTA's versions); " +
                $"real changes recorded: {scores.Sum(s => s.Recorded)}/{mustRecord}; flips folded: {scores.Sum(s => s.FlipsFolded)}; chrome blocks dropped: {scores.Sum(s => s.Chrome.Blocks)}");
            output.WriteLine();
        }
        output.WriteLine("What each rule left out of the compared text (captures re-extracted as `diff --explain` does):");
        foreach (var s in scores.Where(s => s.Chrome.ByRule.Count > 0 || s.Chrome.Decoded.Placeholders > 0))
        {
            output.WriteLine($"  {s.Series}:");
            foreach (var rule in s.Chrome.ByRule)
                output.WriteLine($"    {rule.Blocks} blocks in {rule.Captures} captures ({rule.DistinctTexts} distinct): {rule.Rule}");
            if (s.Chrome.Decoded.Placeholders > 0)
                output.WriteLine($"    {s.Chrome.Decoded.Placeholders} e-mail protection placeholders decoded in {s.Chrome.Decoded.Captures} captures");
        }
        output.WriteLine();
        foreach (var s in scores)
        {
            if (s.Missed.Count > 0) output.WriteLine($"{s.Series}: MISSED {string.Join(", ", s.Missed)}");
            if (s.OursNotInOta.Count > 0) output.WriteLine($"{s.Series}: our versions OTA did not record: {string.Join(", ", s.OursNotInOta)}");
            if (s.ExcusedAsNoise.Count > 0) output.WriteLine($"{s.Series}: OTA changes excused as noise (eval/NOISE.md): {string.Join(", ", s.ExcusedAsNoise)}");
            var notRecorded = s.Noise ? s.OtaVersions - 1 - s.OtaChangesRecorded.Count : 0;
            if (s.Noise && notRecorded > 0) output.WriteLine($"{s.Series}: {notRecorded} OTA noise changes not recorded (known noise series)");
            if (s.Failure is { } failure) output.WriteLine($"{s.Series}: FAIL: {failure}");
        }
    }

    private static string Percent(int part, int whole) => whole == 0 ? "n/a" : $"{100.0 * part / whole:0}%";

    private static string Fraction(int part, int whole) => whole == 0 ? "n/a" : $"{(double)part / whole:0.00}";

    private static string Reduction(SeriesScore s) =>
        s.OtaVersions <= 1 ? (s.OurVersions <= s.OtaVersions ? "no more" : "more") : $"{100.0 * (s.OtaVersions - s.OurVersions) / (s.OtaVersions - 1):0}% fewer changes";
}
