namespace Snapshots.Messaging;

/// <summary>
/// Send one email to one subscriber. <see cref="MessageKey"/> is the idempotency key of the delivery:
/// <c>alert:{documentId}:{sha256}</c> or <c>digest:{isoWeek}</c> (e.g. <c>digest:2026-W47</c>).
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

    public static string AlertKey(string documentId, string sha256) => $"alert:{documentId}:{sha256}";
    public static string DigestKey(string isoWeek) => $"digest:{isoWeek}";
}
