using Microsoft.Extensions.Logging;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Email;
using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.Pipeline;

/// <summary>
/// Queue "changes": one <see cref="EmailRequest"/> (an <see cref="AlertEmail"/>) per follower of the changed platform whose plan has same-day
/// alerts, who has alerts on, is not suppressed, whose profile still follows the platform, and whose minimum alert severity
/// the change reaches (<see cref="EmailEligibility.WantsSeverity"/>). A duplicate delivery of the
/// notice enqueues the same requests again; the sender's delivery rows (keyed by <see cref="AlertEmail.KeyFor"/>) absorb them.
/// A document's first version (no previous hash) is not a change and raises no alert.
/// </summary>
public sealed class FanOutChangeHandler(SubscriberDirectory directory, QueuePublisher publisher, TimeProvider clock, ILogger<FanOutChangeHandler> log)
{
    public async Task<int> HandleAsync(string message, CancellationToken ct = default)
    {
        var notice = QueueMessageCodec.Decode<ChangeNotice>(QueueNames.Changes, message, ChangeNotice.CurrentVersion);
        if (!DocumentId.TryParse(notice.DocumentId, out var document))
            throw new MalformedMessageException(QueueNames.Changes, $"'{notice.DocumentId}' is not a document id");
        if (string.IsNullOrWhiteSpace(notice.TextSha256))
            throw new MalformedMessageException(QueueNames.Changes, $"the ChangeNotice for {notice.DocumentId} has no sha256");

        if (notice.PreviousTextSha256 is null)
        {
            // A document's first version is the start of tracking, not a change: it appears in the next digest, not in an alert.
            // The recorder no longer queues a notice for one (see VersionRecord.NoticeSent); notices queued before still come here.
            log.LogInformation("First version of {Document}: no alert", notice.DocumentId);
            return 0;
        }

        var followers = await directory.FollowersAsync(document.Platform, ct);
        var sent = 0;
        var severity = notice.Severity is { } named && Enum.TryParse<SeverityLevel>(named, ignoreCase: true, out var level) ? level : (SeverityLevel?)null;
        foreach (var follower in followers.Where(f => EmailEligibility.GetsAlerts(f, document.Platform) && EmailEligibility.WantsSeverity(f, severity)))
        {
            var request = AlertEmail.Request(follower.SubscriberId, notice.DocumentId, notice.TextSha256, notice.Sequence, clock.GetUtcNow());
            await publisher.SendAsync(QueueNames.Emails, request, ct: ct);
            sent++;
        }
        log.LogInformation("Change {Document} version {Sequence}: {Alerts} alerts for {Followers} followers", notice.DocumentId, notice.Sequence, sent, followers.Count);
        return sent;
    }
}
