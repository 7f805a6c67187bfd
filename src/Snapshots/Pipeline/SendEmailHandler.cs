using Microsoft.Extensions.Logging;
using Snapshots.Email;
using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.Pipeline;

/// <summary>
/// Queue <c>emails</c>: sends one <see cref="EmailRequest"/> at most once per (subscriber, message key), whatever its kind.
/// Order: decode and validate (malformed throws before anything), load the subscriber, skip final deliveries, record a suppressed
/// or unwanted one, compose, claim the delivery row, send, mark, and let the kind do what follows a sending.
/// 429/5xx from the provider release the claim and throw, so the queue retries (poison after 5 dequeues); other 4xx are recorded
/// as failed-permanently and not retried. A claim that took over from an attempt that may have sent the email (its "sent" mark
/// lost) first asks the transport (<see cref="IEmailSender.FindAcceptedAsync"/>); when the transport has it, the row is marked
/// sent from the transport's answer and nothing is sent again, and a transport that finds a delivery it already has when asked to
/// send it (the outbox) answers so. See <see cref="DeliveryLedger"/> for the at-least-once trade-off. What differs from
/// one kind to another (who wants it, what it needs, how it is composed) is the kind's own (<see cref="EmailKinds"/>).
/// </summary>
public sealed class SendEmailHandler(
    SubscriberDirectory subscribers,
    DeliveryLedger deliveries,
    EmailKinds kinds,
    IEmailSender sender,
    EmailDeliveryOptions options,
    ILogger<SendEmailHandler> log)
{
    public async Task<SendResult> HandleAsync(string message, CancellationToken ct = default)
    {
        var request = QueueMessageCodec.Decode<EmailRequest>(QueueNames.Emails, message, EmailRequest.CurrentVersion);
        var kind = kinds.Find(request.Kind);
        if (string.IsNullOrWhiteSpace(request.SubscriberId))
            throw new MalformedMessageException(QueueNames.Emails, "EmailRequest names no subscriber");
        kind.Validate(request);

        if (await subscribers.FindByIdAsync(request.SubscriberId, ct) is not { } subscriber)
        {
            log.LogWarning("Email {MessageKey} for subscriber {Subscriber}, who no longer exists: dropped", request.MessageKey, Short(request.SubscriberId));
            return new SendResult(SendStatus.Dropped);
        }

        if (await deliveries.FindAsync(subscriber.SubscriberId, request.MessageKey, ct) is { } done && DeliveryStates.IsFinal(done.State))
            return new SendResult(SendStatus.AlreadyDone, done.Reference, Detail: done.State);
        if (subscriber.Suppressed && !kind.ReachesSuppressed)
        {
            await deliveries.RecordUnsentAsync(subscriber.SubscriberId, request.MessageKey, kind.Name, DeliveryStates.Suppressed, "recipient suppressed", ct);
            return new SendResult(SendStatus.Suppressed);
        }
        if (!kind.IsWantedBy(subscriber))
        {
            await deliveries.RecordUnsentAsync(subscriber.SubscriberId, request.MessageKey, kind.Name, DeliveryStates.Skipped, $"{kind.Name} emails turned off", ct);
            return new SendResult(SendStatus.Skipped);
        }

        var draft = await kind.ComposeAsync(request, subscriber, ct);
        var claim = await deliveries.ClaimAsync(subscriber.SubscriberId, request.MessageKey, kind.Name, options.SendLease, ct);
        if (claim is null) return new SendResult(SendStatus.AlreadyDone);

        var email = new OutgoingEmail(subscriber.Email, subscriber.SubscriberId, kind.Name, request.MessageKey, draft.Content);
        if (claim.MayHaveBeenSent && await FoundAcceptedAsync(email, claim, ct) is { } found)
        {
            await deliveries.MarkSentAsync(claim, sender.Describe(), found.Reference, CancellationToken.None, "recovered: the transport already had this email");
            await kind.SentAsync(subscriber, draft, CancellationToken.None);
            log.LogWarning("{Kind} {MessageKey} to subscriber {Subscriber} was already accepted by {Transport} ({Reference}): marked sent, not sent again",
                kind.Name, request.MessageKey, Short(subscriber.SubscriberId), sender.Describe(), found.Reference);
            return new SendResult(SendStatus.AlreadyDone, found.Reference, Detail: "already accepted by the transport");
        }

        EmailSendResult result;
        try
        {
            result = await sender.SendAsync(email, ct);
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
        if (result.AlreadyAccepted)
        {
            await deliveries.MarkSentAsync(claim, sender.Describe(), result.Reference, CancellationToken.None, "recovered: the transport already had this email");
            await kind.SentAsync(subscriber, draft, CancellationToken.None);
            log.LogWarning("{Kind} {MessageKey} to subscriber {Subscriber} was already written by {Transport}: marked sent, not written again",
                kind.Name, request.MessageKey, Short(subscriber.SubscriberId), sender.Describe());
            return new SendResult(SendStatus.AlreadyDone, result.Reference, Detail: "already accepted by the transport");
        }
        await deliveries.MarkSentAsync(claim, sender.Describe(), result.Reference, CancellationToken.None);
        await kind.SentAsync(subscriber, draft, CancellationToken.None);
        log.LogInformation("Sent {Kind} {MessageKey} to subscriber {Subscriber} via {Transport}", kind.Name, request.MessageKey, Short(subscriber.SubscriberId), sender.Describe());
        return new SendResult(SendStatus.Sent, result.Reference, result.Files);
    }

    /// <summary>What the transport says of an email an earlier attempt may have sent; null when it does not have it or cannot tell.</summary>
    private async Task<EmailLookup?> FoundAcceptedAsync(OutgoingEmail email, DeliveryRecord claim, CancellationToken ct)
    {
        var lookup = await sender.FindAcceptedAsync(email, ct);
        if (lookup.Accepted) return lookup;
        if (!lookup.Known)
            log.LogWarning("{MessageKey}: attempt {Attempt} follows one that may have sent it, and {Transport} cannot tell ({Why}); sending again",
                email.MessageKey, claim.Attempts, sender.Describe(), lookup.Detail);
        return null;
    }

    private static string Short(string subscriberId) => subscriberId.Length > 12 ? subscriberId[..12] : subscriberId;
}
