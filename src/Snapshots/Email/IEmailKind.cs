using Snapshots.Messaging;
using Snapshots.Subscribers;

namespace Snapshots.Email;

/// <summary>
/// One kind of email: everything the delivery protocol (<c>Pipeline/SendEmailHandler</c>) needs to know about it, so that the
/// protocol itself never names a kind. Adding a kind is adding one class that implements this and registering it in
/// <see cref="EmailServiceCollectionExtensions"/>; its name and the format of its message keys live in that class only.
/// </summary>
internal interface IEmailKind
{
    /// <summary>
    /// The kind's name: <see cref="EmailRequest.Kind"/> on the queue, the first part of its message keys (<c>{name}:…</c>),
    /// the delivery row's kind, the SendGrid category and the name of its templates.
    /// </summary>
    string Name { get; }

    /// <summary>Whether it is sent to a suppressed address too (only the confirmation of a sign-up is: the address asked again).</summary>
    bool ReachesSuppressed { get; }

    /// <summary>Whether the subscriber wants this kind at send time (a preference turned off since it was queued skips it).</summary>
    bool IsWantedBy(SubscriberRecord subscriber);

    /// <summary>Throws <see cref="MalformedMessageException"/> when the request is not one this kind can send (its key, its fields).</summary>
    void Validate(EmailRequest request);

    /// <summary>The email for this subscriber; a request that passed <see cref="Validate"/>.</summary>
    Task<EmailDraft> ComposeAsync(EmailRequest request, SubscriberRecord subscriber, CancellationToken ct = default);

    /// <summary>What the kind does once the email was accepted by the transport (the digest moves the subscriber's window on).</summary>
    Task SentAsync(SubscriberRecord subscriber, EmailDraft draft, CancellationToken ct = default);
}
