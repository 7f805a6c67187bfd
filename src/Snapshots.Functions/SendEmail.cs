using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Snapshots.Pipeline;
using Snapshots.Storage;

namespace Snapshots.Functions;

/// <summary>Queue "emails": compose and send one alert or digest, once (a delivery row is the idempotency record).</summary>
public sealed class SendEmail(SendEmailHandler handler, ILogger<SendEmail> logger)
{
    /// <param name="message">The message text (JSON; the host has already decoded the base64 queue encoding).</param>
    /// <param name="id">The queue message id, bound from the trigger metadata.</param>
    [Function(nameof(SendEmail))]
    public Task Run([QueueTrigger(QueueNames.Emails)] string message, string id, CancellationToken cancellationToken) =>
        MalformedMessages.HandleAsync(logger, id, () => handler.HandleAsync(message, cancellationToken));
}
