using Snapshots.Catalog;

namespace Snapshots.Tracking;

public enum CaptureStatus
{
    /// <summary>The document's first version was recorded.</summary>
    First,
    /// <summary>A new version was recorded.</summary>
    Changed,
    /// <summary>The current version was verified: same text, same raw bytes, or 304 Not Modified.</summary>
    Unchanged,
    /// <summary>The page could not be fetched or the document could not be extracted; nothing was recorded.</summary>
    Failed,
}

/// <summary>What one check of one document did.</summary>
public sealed record CaptureOutcome(DocumentId Document, CaptureStatus Status, string Detail, long? Sequence = null, string? TextSha256 = null)
{
    public bool IsChange => Status is CaptureStatus.First or CaptureStatus.Changed;
}
