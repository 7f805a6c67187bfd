using Microsoft.Azure.Functions.Worker;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;

namespace Snapshots.Functions;

/// <summary>Queue "channel-deliveries": one alert to one delivery channel (signed webhook, Slack, Teams), once per channel and alert.</summary>
public sealed class DeliverToChannel(DeliverToChannelHandler handler, PoisonQueue poison)
{
    /// <param name="message">The message text (JSON; the host has already decoded the base64 queue encoding).</param>
    /// <param name="id">The queue message id, bound from the trigger metadata.</param>
    [Function(nameof(DeliverToChannel))]
    public Task Run([QueueTrigger(QueueNames.ChannelDeliveries)] string message, string id, CancellationToken cancellationToken) =>
        MalformedMessages.HandleAsync(poison, id, message, () => handler.HandleAsync(message, cancellationToken), cancellationToken);
}
