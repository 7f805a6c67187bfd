namespace Snapshots.Email;

/// <summary>One email to one recipient: the composed content plus what identifies the delivery (subscriber, kind, message key).</summary>
public sealed record OutgoingEmail(string To, string SubscriberId, string Kind, string MessageKey, ComposedEmail Content)
{
    /// <summary>The delivery's own name for transports (<see cref="DeliveryKeys.IdOf"/>): the same for every attempt at this email.</summary>
    public string DeliveryId => DeliveryKeys.IdOf(SubscriberId, MessageKey);
}
