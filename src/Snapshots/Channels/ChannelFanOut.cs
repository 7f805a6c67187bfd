using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.Channels;

/// <summary>
/// Puts one <see cref="ChannelDelivery"/> on <c>channel-deliveries</c> per enabled channel of a follower whose plan has delivery
/// channels, for the same event (and message key) as its email alert. A notice fanned out twice queues the same deliveries again;
/// their delivery rows (keyed by channel and message key) let each through once.
/// </summary>
public sealed class ChannelFanOut(ChannelDirectory channels, QueuePublisher publisher, TimeProvider clock)
{
    /// <summary>Whether alerts may go to the subscriber's channels: a plan with delivery channels (an unknown plan has none).</summary>
    public static bool InPlan(SubscriberRecord subscriber) => Plans.TryFind(subscriber.Plan) is { DeliveryChannels: true };

    /// <returns>How many deliveries were queued.</returns>
    public async Task<int> QueueAsync(SubscriberRecord follower, string messageKey, string documentId, long sequence, IReadOnlyList<string>? provisions, CancellationToken ct = default)
    {
        if (!InPlan(follower)) return 0;
        var queued = 0;
        foreach (var channel in await channels.ListAsync(follower.SubscriberId, ct))
        {
            if (!channel.Enabled) continue;
            var delivery = new ChannelDelivery(ChannelDelivery.CurrentVersion, follower.SubscriberId, channel.ChannelId, messageKey, documentId, sequence,
                provisions is { Count: > 0 } ? provisions : null, Attempt: 0, RequestedAt: clock.GetUtcNow());
            await publisher.SendAsync(QueueNames.ChannelDeliveries, delivery, ct: ct);
            queued++;
        }
        return queued;
    }
}
