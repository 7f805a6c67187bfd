using Microsoft.Azure.Functions.Worker;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;

namespace Snapshots.Functions;

/// <summary>Queue "emails": compose and send one alert or digest, once (a delivery row is the idempotency record).</summary>
public sealed class SendEmail(SendEmailHandler handler, PoisonQueue poison)
{
    /// <param name="message">The message text (JSON; the host has already decoded the base64 queue encoding).</param>
    /// <param name="id">The queue message id, bound from the trigger metadata.</param>
    [Function(nameof(SendEmail))]
    public Task Run([QueueTrigger(QueueNames.Emails)] string message, string id, CancellationToken cancellationToken) =>
        MalformedMessages.HandleAsync(poison, id, message, () => handler.HandleAsync(message, cancellationToken), cancellationToken);
}
