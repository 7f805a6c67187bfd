namespace Snapshots.Messaging;

/// <summary>
/// Send one email to one subscriber. <see cref="Kind"/> names the kind of email and <see cref="MessageKey"/> is the idempotency
/// key of the delivery, <c>{kind}:{…}</c>; each kind says what its key holds and which other fields it needs (the kinds are
/// the classes of <c>Email/</c> that implement <c>IEmailKind</c>).
/// </summary>
public sealed record EmailRequest(
    int V,
    string Kind,
    string SubscriberId,
    string MessageKey,
    string? DocumentId = null,
    long? Sequence = null,
    string? IsoWeek = null,
    DateTimeOffset? RequestedAt = null,
    IReadOnlyList<string>? Provisions = null) : IQueueMessage
{
    public const int CurrentVersion = 1;
}
