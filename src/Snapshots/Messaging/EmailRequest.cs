namespace Snapshots.Messaging;

/// <summary>
/// Send one email to one subscriber. <see cref="MessageKey"/> is the idempotency key of the delivery:
/// <c>alert:{documentId}:{sha256}</c>, <c>digest:{isoWeek}</c> (e.g. <c>digest:2026-W47</c>), <c>confirm:{nonce}</c> or <c>account:{random}</c>.
/// </summary>
public sealed record EmailRequest(
    int V,
    string Kind,
    string SubscriberId,
    string MessageKey,
    string? DocumentId = null,
    long? Sequence = null,
    string? IsoWeek = null,
    DateTimeOffset? RequestedAt = null) : IQueueMessage
{
    public const int CurrentVersion = 1;
    public const string Alert = "alert";
    public const string Digest = "digest";
    /// <summary>The confirmation of a web sign-up; key <c>confirm:{nonce}</c>. Sent even to a suppressed address: it asked again.</summary>
    public const string Confirm = "confirm";
    /// <summary>The manage link for an address that signed up again while subscribed; key <c>account:{random}</c>.</summary>
    public const string Account = "account";

    public static string AlertKey(string documentId, string sha256) => $"alert:{documentId}:{sha256}";
    public static string DigestKey(string isoWeek) => $"digest:{isoWeek}";
}
