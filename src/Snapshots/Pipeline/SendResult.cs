namespace Snapshots.Pipeline;

public enum SendStatus
{
    /// <summary>Handed to the transport now.</summary>
    Sent,
    /// <summary>The delivery row was already final (sent, failed, suppressed or skipped): nothing was done.</summary>
    AlreadyDone,
    /// <summary>The provider refused the email for good; recorded, not retried.</summary>
    Rejected,
    /// <summary>The subscriber is suppressed; recorded, nothing sent.</summary>
    Suppressed,
    /// <summary>The subscriber turned this kind of email off; recorded, nothing sent.</summary>
    Skipped,
    /// <summary>The subscriber no longer exists; nothing recorded.</summary>
    Dropped,
}

/// <summary>What <see cref="SendEmailHandler"/> did with one <see cref="EmailRequest"/>.</summary>
public sealed record SendResult(SendStatus Status, string? Reference = null, IReadOnlyList<string>? Files = null, string? Detail = null)
{
    public IReadOnlyList<string> OutboxFiles => Files ?? [];
}
