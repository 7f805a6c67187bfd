using Snapshots.Catalog;
using Snapshots.Changes;

namespace Snapshots.Email;

/// <summary>
/// What one subscriber's weekly digest reports, as data (rendering is the email side's job): the changes to the followed
/// platforms in the window, the documents verified unchanged, the documents that could not be checked for more than a day,
/// changes per ISO week for a chart, and the subscriber's alerts that could not be sent yet (<see cref="UnsentAlerts"/>).
/// </summary>
public sealed record DigestContent(
    string SubscriberId,
    IsoWeek Week,
    DigestWindow Window,
    IReadOnlyList<DigestPlatform> Platforms,
    IReadOnlyList<WeeklyChangeCount> WeeklyChanges,
    UnsentAlerts? UnsentAlerts = null)
{
    public int ChangeCount => Platforms.Sum(p => p.Changes.Count);

    public bool HasChanges => ChangeCount > 0;
}

/// <summary>One followed platform: its changes newest first, its unchanged documents and its failing ones.</summary>
public sealed record DigestPlatform(
    string Slug,
    string Name,
    IReadOnlyList<DigestChange> Changes,
    IReadOnlyList<UnchangedDocument> Unchanged,
    IReadOnlyList<FailingDocument> Failing);

/// <summary>
/// One recorded version in the window. <see cref="Summary"/> is the stored section-level summary, when there is one;
/// <see cref="Provisions"/> the provisions it changed that the subscriber is told of, each as "name (what happened)".
/// A first version (<see cref="IsFirst"/>) means the document started being tracked, not that it changed.
/// </summary>
public sealed record DigestChange(
    DocumentId Document,
    string TermsType,
    long Sequence,
    DateTimeOffset CapturedAt,
    string Sha256,
    string? PreviousSha256,
    int WordsAdded,
    int WordsRemoved,
    string? Url,
    ChangeSummary? Summary,
    ChangeSeverity? Severity = null,
    IReadOnlyList<string>? Provisions = null)
{
    public bool IsFirst => Sequence == 1;

    /// <summary>For sorting: high first; a change without a severity sorts as low.</summary>
    public SeverityLevel Level => Severity?.Level ?? SeverityLevel.Low;
}

/// <summary>
/// A followed document with no version in the window and no failing check; <see cref="LastCheckedAt"/> is its last successful
/// check (null: never checked yet). It is verified unchanged only when that check lies in the window (<see cref="VerifiedInWindow"/>).
/// </summary>
public sealed record UnchangedDocument(DocumentId Document, string TermsType, DateTimeOffset? LastCheckedAt, string? Url, bool VerifiedInWindow = true);

/// <summary>A followed document whose last check failed: "could not be checked since <see cref="FailingSince"/>", with the last error.</summary>
public sealed record FailingDocument(DocumentId Document, string TermsType, DateTimeOffset FailingSince, DateTimeOffset? LastCheckedAt, int ConsecutiveFailures, string? LastError, string? Url);

/// <summary>
/// A subscriber's alerts not sent after failed attempts, from the delivery ledger: those still to be retried (by the queue or
/// a re-drive of <c>emails-poison</c>), and those parked for good after every re-drive.
/// </summary>
public sealed record UnsentAlerts(int AwaitingRetry, int ParkedForGood)
{
    public bool Any => AwaitingRetry > 0 || ParkedForGood > 0;
}

/// <summary>Changes (versions after the first) recorded in one ISO week across the followed platforms.</summary>
public sealed record WeeklyChangeCount(IsoWeek Week, int Changes);
