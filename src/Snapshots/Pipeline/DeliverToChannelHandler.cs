using Microsoft.Extensions.Logging;
using Snapshots.Catalog;
using Snapshots.Channels;
using Snapshots.Email;
using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.Pipeline;

/// <summary>
/// Queue <c>channel-deliveries</c>: delivers one event to one channel at least once, and once per (channel, message key) as far as
/// the delivery row can tell. The row is the email's (<see cref="DeliveryLedger"/>, key <c>channel:{channelId}:{messageKey}</c>);
/// its delivery id is the <c>webhook-id</c>, the same on every attempt, so a receiver can drop a repeat. Order: decode (malformed
/// throws before anything), skip a final delivery, a gone subscriber or channel, a disabled channel or a plan without channels;
/// build the event; claim the row; post (<see cref="ChannelSender"/>); then
/// <list type="bullet">
/// <item>delivered: the row is <c>sent</c> and the channel's failures in a row go back to zero;</item>
/// <item>408, 429, 5xx, a network error or a timeout: the row waits for a retry, and the message is queued again, invisible for
/// <see cref="ChannelOptions.DelayAfter"/> (the base delay doubled per attempt, or the receiver's Retry-After when longer); after
/// <see cref="ChannelOptions.MaxAttempts"/> attempts it is parked in <c>channel-deliveries-poison</c> (re-driven like every parked
/// message), its row <c>parked</c>, and the channel counts one failure;</item>
/// <item>another answer (4xx, a redirect) or an address the SSRF guard refuses: the row is <c>failed-permanently</c> and the
/// channel counts one failure.</item>
/// </list>
/// After <see cref="ChannelOptions.DisableAfterFailures"/> failures in a row the channel is disabled and its owner gets a
/// <c>channel-disabled</c> email.
/// </summary>
public sealed class DeliverToChannelHandler(
    SubscriberDirectory subscribers,
    ChannelDirectory channels,
    ChannelEvents events,
    ChannelSender sender,
    DeliveryLedger deliveries,
    QueuePublisher publisher,
    PoisonQueue poison,
    ChannelOptions options,
    EmailDeliveryOptions emailOptions,
    TimeProvider clock,
    ILogger<DeliverToChannelHandler> log)
{
    /// <summary>The delivery ledger's kind for channel deliveries.</summary>
    public const string LedgerKind = "channel";

    public async Task<ChannelDeliveryResult> HandleAsync(string message, CancellationToken ct = default)
    {
        var delivery = QueueMessageCodec.Decode<ChannelDelivery>(QueueNames.ChannelDeliveries, message, ChannelDelivery.CurrentVersion);
        Validate(delivery);
        var key = LedgerKeyOf(delivery.ChannelId, delivery.MessageKey);
        var webhookId = WebhookIdOf(delivery.SubscriberId, delivery.ChannelId, delivery.MessageKey);

        if (await subscribers.FindByIdAsync(delivery.SubscriberId, ct) is not { } subscriber)
            return new ChannelDeliveryResult(ChannelDeliveryStatus.Dropped, webhookId, "the subscriber no longer exists");
        if (await deliveries.FindAsync(subscriber.SubscriberId, key, ct) is { } done && DeliveryStates.IsFinal(done.State))
            return new ChannelDeliveryResult(ChannelDeliveryStatus.AlreadyDone, webhookId, done.State);
        if (await channels.FindAsync(subscriber.SubscriberId, delivery.ChannelId, ct) is not { } channel)
            return new ChannelDeliveryResult(ChannelDeliveryStatus.Dropped, webhookId, "the channel was removed");
        if (!channel.Enabled || !ChannelFanOut.InPlan(subscriber))
        {
            var why = channel.Enabled ? $"the {subscriber.Plan} plan has no delivery channels" : "the channel is disabled";
            await deliveries.RecordUnsentAsync(subscriber.SubscriberId, key, LedgerKind, DeliveryStates.Skipped, why, ct);
            return new ChannelDeliveryResult(ChannelDeliveryStatus.Skipped, webhookId, why);
        }
        if (await events.OfAsync(delivery, ct) is not { } change)
        {
            await deliveries.RecordUnsentAsync(subscriber.SubscriberId, key, LedgerKind, DeliveryStates.Skipped, "the document or version is gone", ct);
            return new ChannelDeliveryResult(ChannelDeliveryStatus.Skipped, webhookId, "the document or version is gone");
        }

        var claim = await deliveries.ClaimAsync(subscriber.SubscriberId, key, LedgerKind, emailOptions.SendLease, ct);
        if (claim is null) return new ChannelDeliveryResult(ChannelDeliveryStatus.AlreadyDone, webhookId, "final");

        var result = await sender.SendAsync(channel, webhookId, ChannelPayloads.For(channel.Kind, change), ct);
        switch (result.Outcome)
        {
            case ChannelSendOutcome.Delivered:
                await deliveries.MarkSentAsync(claim, $"{channel.Kind} {channel.ShownUrl}", webhookId, CancellationToken.None);
                await channels.RecordDeliveredAsync(subscriber.SubscriberId, channel.ChannelId, CancellationToken.None);
                log.LogInformation("Delivered {MessageKey} to channel {Channel} ({Kind}) as {WebhookId}", delivery.MessageKey, channel.ChannelId, channel.Kind, webhookId);
                return new ChannelDeliveryResult(ChannelDeliveryStatus.Delivered, webhookId, result.Detail);

            case ChannelSendOutcome.Retry when delivery.Attempt + 1 < options.MaxAttempts:
                await deliveries.ReleaseForRetryAsync(claim, result.Status, result.Detail, CancellationToken.None);
                var delay = options.DelayAfter(delivery.Attempt, result.RetryAfter);
                await publisher.SendAsync(QueueNames.ChannelDeliveries, delivery with { Attempt = delivery.Attempt + 1 }, delay, CancellationToken.None);
                log.LogWarning("Channel {Channel}: attempt {Attempt} of {MessageKey} failed ({Detail}); trying again in {Delay}",
                    channel.ChannelId, delivery.Attempt + 1, delivery.MessageKey, result.Detail, delay);
                return new ChannelDeliveryResult(ChannelDeliveryStatus.Retrying, webhookId, result.Detail, delay);

            case ChannelSendOutcome.Retry:
                await deliveries.ReleaseForRetryAsync(claim, result.Status, result.Detail, CancellationToken.None);
                await deliveries.RecordParkedAsync(subscriber.SubscriberId, key, LedgerKind, forGood: false, emailOptions.SendLease,
                    $"parked after {delivery.Attempt + 1} attempts: {result.Detail}", CancellationToken.None);
                await poison.MoveAsync(QueueNames.ChannelDeliveries, null, message, $"channel {channel.ChannelId}: {result.Detail}", CancellationToken.None, delivery.Attempt + 1);
                await FailedAsync(subscriber, channel, $"{delivery.Attempt + 1} attempts failed; the last: {result.Detail}");
                return new ChannelDeliveryResult(ChannelDeliveryStatus.Parked, webhookId, result.Detail);

            default:
                await deliveries.MarkFailedPermanentlyAsync(claim, $"{channel.Kind} {channel.ShownUrl}", result.Status ?? 0, result.Detail, CancellationToken.None);
                await FailedAsync(subscriber, channel, result.Detail);
                return new ChannelDeliveryResult(ChannelDeliveryStatus.Failed, webhookId, result.Detail);
        }
    }

    /// <summary>Counts a failed delivery on the channel; a channel disabled by it (now or by an earlier attempt of this one) gets its owner's email.</summary>
    private async Task FailedAsync(SubscriberRecord subscriber, ChannelRecord channel, string detail)
    {
        log.LogWarning("Channel {Channel} ({Kind} {Url}) of subscriber {Subscriber}: delivery failed: {Detail}",
            channel.ChannelId, channel.Kind, channel.ShownUrl, subscriber.SubscriberId[..12], detail);
        var row = await channels.RecordFailedAsync(subscriber.SubscriberId, channel.ChannelId, detail, CancellationToken.None);
        if (row is null || row.Enabled) return;
        // Keyed by channel: queued again after a crash, it is still sent once.
        await publisher.SendAsync(QueueNames.Emails, ChannelDisabledEmail.Request(subscriber.SubscriberId, channel.ChannelId, clock.GetUtcNow()), ct: CancellationToken.None);
        log.LogWarning("Channel {Channel} of subscriber {Subscriber} disabled: {Reason}", channel.ChannelId, subscriber.SubscriberId[..12], row.DisabledReason);
    }

    private static void Validate(ChannelDelivery delivery)
    {
        if (string.IsNullOrWhiteSpace(delivery.SubscriberId))
            throw new MalformedMessageException(QueueNames.ChannelDeliveries, "ChannelDelivery names no subscriber");
        if (!ChannelDirectory.IsChannelId(delivery.ChannelId))
            throw new MalformedMessageException(QueueNames.ChannelDeliveries, $"'{Text.VisibleText.Bounded(delivery.ChannelId, 40)}' is not a channel id (ch_ and 16 hex digits)");
        if (!DocumentId.TryParse(delivery.DocumentId, out _) || delivery.Sequence < 1)
            throw new MalformedMessageException(QueueNames.ChannelDeliveries, $"ChannelDelivery {Text.VisibleText.Bounded(delivery.MessageKey, 80)} needs a document id and a version sequence");
        if (string.IsNullOrWhiteSpace(delivery.MessageKey) || delivery.MessageKey.Length > 400
            || !(delivery.MessageKey.StartsWith(AlertEmail.Kind + ":", StringComparison.Ordinal) || delivery.MessageKey.StartsWith(ProvisionAlertEmail.Kind + ":", StringComparison.Ordinal)))
            throw new MalformedMessageException(QueueNames.ChannelDeliveries, $"ChannelDelivery message key '{Text.VisibleText.Bounded(delivery.MessageKey, 80)}' is not an alert's");
        if (delivery.Attempt < 0)
            throw new MalformedMessageException(QueueNames.ChannelDeliveries, $"ChannelDelivery attempt {delivery.Attempt} is negative");
    }

    /// <summary>The delivery row's message key: <c>channel:{channelId}:{messageKey}</c>.</summary>
    public static string LedgerKeyOf(string channelId, string messageKey) => $"{LedgerKind}:{channelId}:{messageKey}";

    /// <summary>The Standard Webhooks <c>webhook-id</c>: <c>msg_</c> and the delivery id, the same on every attempt of one delivery.</summary>
    public static string WebhookIdOf(string subscriberId, string channelId, string messageKey) =>
        "msg_" + DeliveryKeys.IdOf(subscriberId, LedgerKeyOf(channelId, messageKey));
}

public enum ChannelDeliveryStatus
{
    Delivered,
    AlreadyDone,
    Dropped,
    Skipped,
    Retrying,
    Parked,
    Failed,
}

/// <summary>What the handler did with one <see cref="ChannelDelivery"/>; <see cref="RetryIn"/> when it queued another attempt.</summary>
public sealed record ChannelDeliveryResult(ChannelDeliveryStatus Status, string WebhookId, string Detail, TimeSpan? RetryIn = null);
