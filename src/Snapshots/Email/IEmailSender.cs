namespace Snapshots.Email;

/// <summary>
/// Hands an email to a transport. Returns <see cref="EmailSendResult.Accepted"/> or a permanent rejection;
/// throws <see cref="RetryableSendException"/> when trying again later may succeed (throttling, provider errors, network).
/// </summary>
public interface IEmailSender
{
    /// <summary>"SendGrid" or "outbox {path}", for logs and the command line.</summary>
    string Describe();

    Task<EmailSendResult> SendAsync(OutgoingEmail email, CancellationToken ct = default);
}

/// <summary>What a transport did with an email: accepted (with the provider's message id or the files written), or rejected for good.</summary>
public sealed record EmailSendResult(bool Accepted, string? Reference, IReadOnlyList<string> Files, int? Status = null, string? Detail = null)
{
    public static EmailSendResult Sent(string? reference, params IReadOnlyList<string> files) => new(true, reference, files);

    public static EmailSendResult Rejected(int status, string detail) => new(false, null, [], status, detail);
}

/// <summary>The transport could not take the email now (429, 5xx, network); the queue message should be retried.</summary>
internal sealed class RetryableSendException(string message, int? status = null, Exception? inner = null) : Exception(message, inner)
{
    public int? Status { get; } = status;
}
