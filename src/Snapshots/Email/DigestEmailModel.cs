using Snapshots.Catalog;
using Snapshots.Changes;

namespace Snapshots.Email;

/// <summary>
/// What a weekly digest reports, before rendering. It is filled from the digest data of the subscriber's followed platforms
/// (changes in the window, documents verified unchanged, documents failing) and holds raw, untrusted text; templates encode it.
/// </summary>
public sealed record DigestEmailModel(
    string IsoWeek,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    IReadOnlyList<DigestPlatformChanges> Platforms,
    IReadOnlyList<DigestVerifiedDocument> Unchanged,
    IReadOnlyList<DigestFailingDocument> Failing,
    IReadOnlyList<WeekCount> Weeks,
    IReadOnlyList<DigestUncheckedDocument>? Unchecked = null,
    string? PlanName = null)
{
    public int ChangeCount => Platforms.Sum(p => p.Changes.Count);

    public int PlatformsWithChanges => Platforms.Count(p => p.Changes.Count > 0);

    /// <summary>Documents verified unchanged: a check in the window succeeded and found no change. Never the failing, unchecked or changed ones.</summary>
    public int VerifiedCount => Unchanged.Count;

    /// <summary>Documents without a change in the window that were not verified: never checked, not checked in the window, or failing.</summary>
    public int NotVerifiedCount => (Unchecked?.Count ?? 0) + Failing.Count;
}

/// <summary>A followed document with no successful check in the window (null <see cref="LastCheckedAt"/>: never checked).</summary>
public sealed record DigestUncheckedDocument(string PlatformName, string TermsType, DateTimeOffset? LastCheckedAt);

/// <summary>The changes of one platform in the window, newest first.</summary>
public sealed record DigestPlatformChanges(string PlatformName, IReadOnlyList<DigestEmailChange> Changes);

/// <summary>One new version in the window.</summary>
public sealed record DigestEmailChange(
    string DocumentId,
    string TermsType,
    long Sequence,
    DateTimeOffset CapturedAt,
    string Sha256,
    int WordsAdded,
    int WordsRemoved,
    ChangeSummary? Summary,
    string? SourceUrl,
    ChangeSeverity? Severity = null);

/// <summary>A followed document that did not change in the window, and when it was last verified.</summary>
public sealed record DigestVerifiedDocument(string PlatformName, string TermsType, DateTimeOffset? LastCheckedAt);

/// <summary>A followed document whose last check failed, since when, and the last error.</summary>
public sealed record DigestFailingDocument(string PlatformName, string TermsType, DateTimeOffset FailingSince, string? Error);

/// <summary>Number of changes to the followed platforms in one ISO week.</summary>
public sealed record WeekCount(string IsoWeek, DateTimeOffset WeekStart, int Changes);
