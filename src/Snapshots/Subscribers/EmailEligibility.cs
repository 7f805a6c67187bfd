using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Provisions;

namespace Snapshots.Subscribers;

/// <summary>
/// Who gets which email: the one rule, asked by the fan-out of changes, the digest schedule and the command line.
/// A subscriber whose stored plan is not one of <see cref="Plans.All"/> gets neither: its plan cannot say what it allows.
/// When a queued email is sent, its kind (in <c>Email/</c>) checks again only what the subscriber can turn off in between.
/// </summary>
public static class EmailEligibility
{
    /// <summary>Plan with same-day alerts, alerts on, not suppressed, and (re-checked on the profile) still following the platform.</summary>
    public static bool GetsAlerts(SubscriberRecord subscriber, string platform) =>
        AlertsInPlan(subscriber)
        && subscriber.AlertsEnabled
        && !subscriber.Suppressed
        && subscriber.Follows.CountedPlatforms.Contains(platform, StringComparer.Ordinal);

    /// <summary>
    /// What a follower of a changed document is told: every change (it follows the platform whole, with no clause type), only the
    /// changed provisions it follows (by slug, or by clause type on a platform it follows whole), or nothing.
    /// </summary>
    public static AlertScope ScopeOf(SubscriberRecord subscriber, DocumentId document, IReadOnlyList<ChangedProvision> changes)
    {
        if (!AlertScope.NeedsChanges(subscriber, document)) return AlertScope.Everything;
        var follows = subscriber.Follows;
        var whole = follows.Platforms.Contains(document.Platform, StringComparer.Ordinal);
        var followed = follows.Provisions.Where(p => p.Document == document).Select(p => p.Slug).ToHashSet(StringComparer.Ordinal);
        var told = changes.Where(c => followed.Contains(c.Slug) || (whole && c.TypeIds.Overlaps(follows.ClauseTypes))).Select(c => c.Slug).ToList();
        return told.Count == 0 ? AlertScope.Nothing : new AlertScope(false, told);
    }

    /// <summary>
    /// The change is at least the subscriber's minimum severity for same-day alerts. A notice without a severity (sent
    /// before severities existed) reaches everyone, and so does any change for a subscriber without a minimum.
    /// </summary>
    public static bool WantsSeverity(SubscriberRecord subscriber, SeverityLevel? severity) =>
        severity is not { } level
        || string.IsNullOrEmpty(subscriber.MinimumAlertSeverity)
        || !Enum.TryParse<SeverityLevel>(subscriber.MinimumAlertSeverity, ignoreCase: true, out var minimum)
        || level >= minimum;

    /// <summary>Plan with the weekly digest, digest on, not suppressed, and following at least one platform.</summary>
    public static bool GetsDigest(SubscriberRecord subscriber) =>
        DigestInPlan(subscriber)
        && subscriber.DigestEnabled
        && !subscriber.Suppressed
        && subscriber.Follows.CountedPlatforms.Count > 0;

    /// <summary>Whether the subscriber's plan includes same-day alerts (false for an unknown plan).</summary>
    public static bool AlertsInPlan(SubscriberRecord subscriber) => Plans.TryFind(subscriber.Plan) is { SameDayAlerts: true };

    /// <summary>Whether the subscriber's plan includes the weekly digest (false for an unknown plan).</summary>
    public static bool DigestInPlan(SubscriberRecord subscriber) => Plans.TryFind(subscriber.Plan) is { WeeklyDigest: true };
}
