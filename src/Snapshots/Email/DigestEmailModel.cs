namespace Snapshots.Email;

/// <summary>
/// What a weekly digest reports, before rendering: the changes of the window by platform (a first version is the start of
/// tracking, not a change), the documents verified unchanged, those failing and those not checked in the window. Made from the
/// digest data of the subscriber's followed platforms (<see cref="From"/>); holds raw, untrusted text, which templates encode.
/// </summary>
public sealed record DigestEmailModel(
    string IsoWeek,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    IReadOnlyList<DigestPlatformChanges> Platforms,
    IReadOnlyList<DigestVerifiedDocument> Unchanged,
    IReadOnlyList<DigestFailingDocument> Failing,
    IReadOnlyList<WeeklyChangeCount> Weeks,
    IReadOnlyList<DigestUncheckedDocument>? Unchecked = null,
    string? PlanName = null,
    UnsentAlerts? UnsentAlerts = null)
{
    public int ChangeCount => Platforms.Sum(p => p.Changes.Count);

    public int PlatformsWithChanges => Platforms.Count(p => p.Changes.Count > 0);

    /// <summary>Documents verified unchanged: a check in the window succeeded and found no change. Never the failing, unchecked or changed ones.</summary>
    public int VerifiedCount => Unchanged.Count;

    /// <summary>Documents without a change in the window that were not verified: never checked, not checked in the window, or failing.</summary>
    public int NotVerifiedCount => (Unchecked?.Count ?? 0) + Failing.Count;

    /// <summary>
    /// The email's view of <paramref name="content"/>. Verified: a successful check in the window found no change. A first version
    /// counts (tracking started, the check succeeded) unless the same document also changed or is failing now; a changed document
    /// is listed as changed only.
    /// </summary>
    public static DigestEmailModel From(DigestContent content, string? planName = null)
    {
        var platforms = content.Platforms.Select(p => new DigestPlatformChanges(p.Name, p.Changes.Where(c => !c.IsFirst).ToList())).ToList();
        var unchanged = content.Platforms.SelectMany(p =>
                p.Unchanged.Where(d => d.VerifiedInWindow).Select(d => new DigestVerifiedDocument(p.Name, d.TermsType, d.LastCheckedAt))
                    .Concat(p.Changes.Where(c => c.IsFirst && !p.Changes.Any(o => o.Document == c.Document && !o.IsFirst) && p.Failing.All(f => f.Document != c.Document))
                        .Select(c => new DigestVerifiedDocument(p.Name, c.TermsType, c.CapturedAt))))
            .ToList();
        var notChecked = content.Platforms.SelectMany(p => p.Unchanged.Where(d => !d.VerifiedInWindow)
            .Select(d => new DigestUncheckedDocument(p.Name, d.TermsType, d.LastCheckedAt))).ToList();
        var failing = content.Platforms.SelectMany(p => p.Failing.Select(d => new DigestFailingDocument(p.Name, d.TermsType, d.FailingSince, d.LastError))).ToList();
        return new DigestEmailModel(content.Week.ToString(), content.Window.Start, content.Window.End, platforms, unchanged, failing, content.WeeklyChanges, notChecked, planName, content.UnsentAlerts);
    }
}

/// <summary>A followed document with no successful check in the window (null <see cref="LastCheckedAt"/>: never checked).</summary>
public sealed record DigestUncheckedDocument(string PlatformName, string TermsType, DateTimeOffset? LastCheckedAt);

/// <summary>The changes of one platform in the window (never a first version).</summary>
public sealed record DigestPlatformChanges(string PlatformName, IReadOnlyList<DigestChange> Changes);

/// <summary>A followed document that did not change in the window, and when it was last verified.</summary>
public sealed record DigestVerifiedDocument(string PlatformName, string TermsType, DateTimeOffset? LastCheckedAt);

/// <summary>A followed document whose last check failed, since when, and the last error.</summary>
public sealed record DigestFailingDocument(string PlatformName, string TermsType, DateTimeOffset FailingSince, string? Error);
