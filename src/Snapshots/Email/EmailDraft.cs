namespace Snapshots.Email;

/// <summary>
/// An email composed for one subscriber by its <see cref="IEmailKind"/>, with what the kind needs again once it is sent:
/// <see cref="ReportsThrough"/> is the end of the time the email reports on (the digest's window), when it has one.
/// </summary>
internal sealed record EmailDraft(ComposedEmail Content, DateTimeOffset? ReportsThrough = null);
