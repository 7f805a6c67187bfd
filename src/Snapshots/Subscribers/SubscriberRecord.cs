using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Snapshots.Subscribers;

/// <summary>
/// A subscriber's profile row in the <c>subscribers</c> table: PartitionKey is <see cref="SubscriberId"/> (SHA-256 of the
/// normalised address, so keys never carry the address), RowKey is <see cref="ProfileRowKey"/>.
/// The same table holds the follower index: PartitionKey <c>follows~{platform}</c>, RowKey the subscriber id (see <see cref="FollowerRow"/>).
/// </summary>
public sealed class SubscriberRecord : ITableEntity
{
    public const string ProfileRowKey = "profile";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = ProfileRowKey;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Email { get; set; } = "";
    public string Plan { get; set; } = "free";
    /// <summary>Followed platform slugs, space-separated, sorted.</summary>
    public string Platforms { get; set; } = "";
    /// <summary>Followed provisions (<c>platform/terms-type/slug</c>), space-separated, sorted; each counts against the plan as its platform (see <see cref="Follows"/>).</summary>
    public string? Provisions { get; set; }
    /// <summary>Followed clause type ids, space-separated: changes on the platforms followed whole are told only when they touch one.</summary>
    public string? ClauseTypes { get; set; }
    public bool AlertsEnabled { get; set; } = true;
    public bool DigestEnabled { get; set; } = true;
    /// <summary>Same-day alerts only for changes of at least this severity: "low" (every change, the default), "medium" or "high". The digest lists every change.</summary>
    public string? MinimumAlertSeverity { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>End of the window of the last digest sent; the next digest starts here.</summary>
    public DateTimeOffset? LastDigestThrough { get; set; }
    /// <summary>Set when SendGrid or the subscriber said no more mail (suppression, bounce, unsubscribe).</summary>
    public bool Suppressed { get; set; }
    /// <summary>When the subscriber unsubscribed (one-click or the manage page).</summary>
    public DateTimeOffset? UnsubscribedAt { get; set; }

    /// <summary>
    /// A sign-up from the web form not confirmed yet: nothing is followed (<see cref="Platforms"/> stays empty, no follower index
    /// rows) until the confirmation link is opened. Profiles added by the operator are never awaiting confirmation.
    /// </summary>
    public bool AwaitingConfirmation { get; set; }
    /// <summary>The plan and follows asked for in the latest sign-up, applied when it is confirmed (see <see cref="Follows.PendingOf"/>).</summary>
    public string? PendingPlan { get; set; }
    /// <summary>Platform slugs to follow whole, space-separated, as <see cref="Platforms"/>.</summary>
    public string? PendingPlatforms { get; set; }
    /// <summary>Provisions to follow (<c>platform/terms-type/slug</c>), space-separated, as <see cref="Provisions"/>; null when none (and in rows from before).</summary>
    public string? PendingProvisions { get; set; }
    /// <summary>Clause type ids to follow, space-separated, as <see cref="ClauseTypes"/>; null when none (and in rows from before).</summary>
    public string? PendingClauseTypes { get; set; }
    /// <summary>The one confirmation link that works now (single use: cleared when confirmed, replaced by a newer request).</summary>
    public string? ConfirmationNonce { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    /// <summary>Sign-up requests for this address in the current rate-limit window, and when that window started.</summary>
    public int RequestsInWindow { get; set; }
    public DateTimeOffset? RequestWindowStart { get; set; }

    [IgnoreDataMember]
    public string SubscriberId => PartitionKey;

    [IgnoreDataMember]
    public IReadOnlyList<string> PlatformList => Platforms.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Everything followed: platforms, provisions and clause types.</summary>
    [IgnoreDataMember]
    public Follows Follows => Follows.Of(this);
}

/// <summary>A row of the follower index: this subscriber follows this platform.</summary>
internal sealed class FollowerRow : ITableEntity
{
    public const string PartitionPrefix = "follows~";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public static string PartitionOf(string platform) => PartitionPrefix + platform;
}
