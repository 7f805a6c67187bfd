using Snapshots.Changes;

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
        && subscriber.PlatformList.Contains(platform, StringComparer.Ordinal);

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
        && subscriber.PlatformList.Count > 0;

    /// <summary>Whether the subscriber's plan includes same-day alerts (false for an unknown plan).</summary>
    public static bool AlertsInPlan(SubscriberRecord subscriber) => Plans.TryFind(subscriber.Plan) is { SameDayAlerts: true };

    /// <summary>Whether the subscriber's plan includes the weekly digest (false for an unknown plan).</summary>
    public static bool DigestInPlan(SubscriberRecord subscriber) => Plans.TryFind(subscriber.Plan) is { WeeklyDigest: true };
}
