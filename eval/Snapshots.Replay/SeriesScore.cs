namespace Snapshots.Replay;

/// <summary>How our versions of one series compare with Open Terms Archive's record of the same captures.</summary>
public sealed record SeriesScore(
    string Series,
    bool Noise,
    int Captures,
    int OtaRealChanges,
    int OtaVersions,
    int OurVersions,
    IReadOnlyList<string> MustRecord,
    IReadOnlyList<string> Missed,
    IReadOnlyList<string> OtaChangesRecorded,
    IReadOnlyList<string> OursNotInOta,
    IReadOnlyList<string> ExcusedAsNoise)
{
    /// <summary>Returns to a known variant kept as observations instead of versions.</summary>
    public int FlipsFolded { get; init; }

    /// <summary>Site chrome blocks left out of the compared text, over all captures.</summary>
    public ChromeCount Chrome { get; init; } = new(0, 0, 0);

    /// <summary>Versions whose diff from the version before them shows nothing (each must show something).</summary>
    public IReadOnlyList<long> EmptyDiffs { get; init; } = [];

    public int Recorded => MustRecord.Count - Missed.Count;
    public string Recall => MustRecord.Count == 0 ? "n/a" : $"{Recorded}/{MustRecord.Count} ({100.0 * Recorded / MustRecord.Count:0.#}%)";

    /// <summary>Why the series fails the evaluation, or null when it passes.</summary>
    public string? Failure =>
        Missed.Count > 0 ? $"missed real changes at {string.Join(", ", Missed)}"
        : Noise && OurVersions > OtaVersions ? $"noise series recorded {OurVersions} versions, more than OTA's {OtaVersions}"
        : EmptyDiffs.Count > 0 ? $"versions {string.Join(", ", EmptyDiffs)} show no change from the version before them"
        : null;
}
