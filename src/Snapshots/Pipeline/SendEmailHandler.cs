using Microsoft.Extensions.Logging;
using Snapshots.Email;
using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.Pipeline;

/// <summary>
/// Queue <c>emails</c>: sends one <see cref="EmailRequest"/> at most once per (subscriber, message key).
/// Order: decode (malformed throws before anything), load the subscriber, skip final deliveries, compose, claim the delivery
/// row, send, mark. 429/5xx from the provider release the claim and throw, so the queue retries (poison after 5 dequeues);
/// other 4xx are recorded as failed-permanently and not retried. See <see cref="DeliveryLedger"/> for the at-least-once trade-off.
/// </summary>
public sealed class SendEmailHandler(
    SubscriberDirectory subscribers,
    DeliveryLedger deliveries,
    AlertComposer alerts,
    DigestComposer digests,
    IDigestSource digestSource,
    IEmailSender sender,
    EmailDeliveryOptions options,
    TimeProvider clock,
    ILogger<SendEmailHandler> log)
{
    public async Task<SendResult> HandleAsync(string message, CancellationToken ct = default)
    {
        var request = Decode(message);
        if (await subscribers.FindByIdAsync(request.SubscriberId, ct) is not { } subscriber)
        {
            log.LogWarning("Email {MessageKey} for subscriber {Subscriber}, who no longer exists: dropped", request.MessageKey, Short(request.SubscriberId));
            return new SendResult(SendStatus.Dropped);
        }

        if (await deliveries.FindAsync(subscriber.SubscriberId, request.MessageKey, ct) is { } done && DeliveryStates.IsFinal(done.State))
            return new SendResult(SendStatus.AlreadyDone, done.Reference, Detail: done.State);
        if (subscriber.Suppressed)
        {
            await deliveries.RecordUnsentAsync(subscriber.SubscriberId, request.MessageKey, request.Kind, DeliveryStates.Suppressed, "recipient suppressed", ct);
            return new SendResult(SendStatus.Suppressed);
        }
        var wanted = request.Kind == EmailRequest.Alert ? subscriber.AlertsEnabled : subscriber.DigestEnabled;
        if (!wanted)
        {
            await deliveries.RecordUnsentAsync(subscriber.SubscriberId, request.MessageKey, request.Kind, DeliveryStates.Skipped, $"{request.Kind} emails turned off", ct);
            return new SendResult(SendStatus.Skipped);
        }

        DigestEmailModel? digest = null;
        ComposedEmail content;
        if (request.Kind == EmailRequest.Alert)
        {
            content = await alerts.ComposeAsync(request, subscriber, ct);
        }
        else
        {
            digest = await digestSource.BuildAsync(subscriber, clock.GetUtcNow(), ct);
            content = digests.Render(digest);
        }

        var claim = await deliveries.ClaimAsync(subscriber.SubscriberId, request.MessageKey, request.Kind, options.SendLease, ct);
        if (claim is null) return new SendResult(SendStatus.AlreadyDone);

        EmailSendResult result;
        try
        {
            result = await sender.SendAsync(new OutgoingEmail(subscriber.Email, subscriber.SubscriberId, request.Kind, request.MessageKey, content), ct);
        }
        catch (RetryableSendException e)
        {
            await deliveries.ReleaseForRetryAsync(claim, e.Status, e.Message, CancellationToken.None);
            throw;
        }

        if (!result.Accepted)
        {
            await deliveries.MarkFailedPermanentlyAsync(claim, sender.Describe(), result.Status ?? 0, result.Detail ?? "", CancellationToken.None);
            return new SendResult(SendStatus.Rejected, Detail: $"{result.Status}: {result.Detail}");
        }
        await deliveries.MarkSentAsync(claim, sender.Describe(), result.Reference, CancellationToken.None);
        if (digest is not null) await digestSource.MarkSentAsync(subscriber, digest, CancellationToken.None);
        log.LogInformation("Sent {Kind} {MessageKey} to subscriber {Subscriber} via {Transport}", request.Kind, request.MessageKey, Short(subscriber.SubscriberId), sender.Describe());
        return new SendResult(SendStatus.Sent, result.Reference, result.Files);
    }

    private static EmailRequest Decode(string message)
    {
        var request = QueueMessageCodec.Decode<EmailRequest>(QueueNames.Emails, message, EmailRequest.CurrentVersion);
        if (request.Kind is not (EmailRequest.Alert or EmailRequest.Digest))
            throw new MalformedMessageException(QueueNames.Emails, $"EmailRequest kind '{request.Kind}' is neither '{EmailRequest.Alert}' nor '{EmailRequest.Digest}'");
        if (string.IsNullOrWhiteSpace(request.SubscriberId))
            throw new MalformedMessageException(QueueNames.Emails, "EmailRequest names no subscriber");
        if (string.IsNullOrWhiteSpace(request.MessageKey) || !request.MessageKey.StartsWith(request.Kind + ":", StringComparison.Ordinal))
            throw new MalformedMessageException(QueueNames.Emails, $"EmailRequest message key '{request.MessageKey}' does not start with '{request.Kind}:'");
        if (request.Kind == EmailRequest.Alert && (!Catalog.DocumentId.TryParse(request.DocumentId, out _) || request.Sequence is not > 0))
            throw new MalformedMessageException(QueueNames.Emails, $"alert {request.MessageKey} needs a document id and a version sequence");
        return request;
    }

    private static string Short(string subscriberId) => subscriberId.Length > 12 ? subscriberId[..12] : subscriberId;
}
