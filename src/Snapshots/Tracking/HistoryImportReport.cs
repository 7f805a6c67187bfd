namespace Snapshots.Tracking;

public enum HistoryStepKind
{
    /// <summary>A new version was recorded from this capture.</summary>
    Recorded,
    /// <summary>Dry run: a new version would be recorded from this capture.</summary>
    WouldRecord,
    /// <summary>Same text as the version before it.</summary>
    Unchanged,
    /// <summary>A return to a text the document had within the variant window: kept as an observation, not a version.</summary>
    Variant,
    /// <summary>Not newer than the document's latest version: refused.</summary>
    Skipped,
    /// <summary>The document could not be extracted, or the page is not the document.</summary>
    Failed,
}

/// <summary>What the import did with one capture.</summary>
public sealed record HistoryStep(HistoryCapture Capture, HistoryStepKind Kind, string Detail, long? Sequence = null, string? TextSha256 = null);

/// <summary>What one history import did, capture by capture.</summary>
public sealed record HistoryImportReport(Catalog.DocumentId Document, bool DryRun, IReadOnlyList<HistoryStep> Steps)
{
    public int CapturesRead => Steps.Count;
    public int Versions => Steps.Count(s => s.Kind is HistoryStepKind.Recorded or HistoryStepKind.WouldRecord);
    public int Unchanged => Steps.Count(s => s.Kind == HistoryStepKind.Unchanged);
    /// <summary>Returns to known variants (flips), kept as observations.</summary>
    public int Variants => Steps.Count(s => s.Kind == HistoryStepKind.Variant);
    public IReadOnlyList<HistoryStep> Skipped => Steps.Where(s => s.Kind == HistoryStepKind.Skipped).ToList();
    public IReadOnlyList<HistoryStep> Failures => Steps.Where(s => s.Kind == HistoryStepKind.Failed).ToList();
}
