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

    /// <summary>
    /// Whether the transport already accepted this email (found by its delivery: subscriber and message key), asked before a
    /// claim that took over from an attempt that may have sent it. <see cref="EmailLookup.Unknown"/> when the transport cannot tell.
    /// </summary>
    Task<EmailLookup> FindAcceptedAsync(OutgoingEmail email, CancellationToken ct = default);
}

/// <summary>What a transport knows of an email it may have accepted before.</summary>
/// <param name="Known">True when the transport could tell (<see cref="Reference"/> set when it has the email).</param>
/// <param name="Reference">The transport's id of the accepted email (SendGrid's message id, the outbox .eml path).</param>
public sealed record EmailLookup(bool Known, string? Reference, string? Detail = null)
{
    public bool Accepted => Known && Reference is not null;

    public static EmailLookup Found(string reference) => new(true, reference);

    public static readonly EmailLookup NotFound = new(true, null);

    public static EmailLookup Unknown(string why) => new(false, null, why);
}

/// <summary>
/// What a transport did with an email: accepted (with the provider's message id or the files written), or rejected for good.
/// <see cref="AlreadyAccepted"/>: the transport found it had this delivery already and sent nothing now.
/// </summary>
public sealed record EmailSendResult(bool Accepted, string? Reference, IReadOnlyList<string> Files, int? Status = null, string? Detail = null, bool AlreadyAccepted = false)
{
    public static EmailSendResult Sent(string? reference, params IReadOnlyList<string> files) => new(true, reference, files);

    public static EmailSendResult FoundSent(string reference, params IReadOnlyList<string> files) => new(true, reference, files, AlreadyAccepted: true);

    public static EmailSendResult Rejected(int status, string detail) => new(false, null, [], status, detail);
}

/// <summary>The transport could not take the email now (429, 5xx, network); the queue message should be retried.</summary>
internal sealed class RetryableSendException(string message, int? status = null, Exception? inner = null) : Exception(message, inner)
{
    public int? Status { get; } = status;
}
