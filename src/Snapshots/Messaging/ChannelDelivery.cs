namespace Snapshots.Messaging;

/// <summary>
/// Deliver one event to one delivery channel of one subscriber (a signed webhook, a Slack or a Teams workflow webhook).
/// <see cref="MessageKey"/> is the event's key, the same as the email alert's (<c>alert:{documentId}:{sha256}</c>,
/// <c>provision-alert:…</c>); with the channel it makes the delivery's idempotency key and its <c>webhook-id</c>.
/// <see cref="Attempt"/> counts the attempts already made (0 on the first); a failed attempt queues the next one with a delay.
/// </summary>
public sealed record ChannelDelivery(
    int V,
    string SubscriberId,
    string ChannelId,
    string MessageKey,
    string DocumentId,
    long Sequence,
    IReadOnlyList<string>? Provisions = null,
    int Attempt = 0,
    DateTimeOffset? RequestedAt = null) : IQueueMessage
{
    public const int CurrentVersion = 1;
}
