using Microsoft.Extensions.Logging;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Email;
using Snapshots.Messaging;
using Snapshots.Provisions;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.Pipeline;

/// <summary>
/// Queue "changes": one <see cref="EmailRequest"/> per follower of the changed platform (an <see cref="AlertEmail"/> for one who
/// follows the platform whole; a <see cref="ProvisionAlertEmail"/> naming the changed provisions for one who follows provisions or
/// clause types, and nothing when none of those changed, see <see cref="EmailEligibility.ScopeOf"/>) whose plan has same-day
/// alerts, who has alerts on, is not suppressed, whose profile still follows the platform, and whose minimum alert severity
/// the change reaches (<see cref="EmailEligibility.WantsSeverity"/>). A duplicate delivery of the
/// notice enqueues the same requests again; the sender's delivery rows (keyed by <see cref="AlertEmail.KeyFor"/>) absorb them.
/// A document's first version (no previous hash) is not a change and raises no alert.
/// </summary>
public sealed class FanOutChangeHandler(SubscriberDirectory directory, DocumentCatalog catalog, ProvisionLedger ledger, ProvisionReader provisions,
    QueuePublisher publisher, TimeProvider clock, ILogger<FanOutChangeHandler> log)
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
        IReadOnlyList<ChangedProvision>? changes = null;
        foreach (var follower in followers.Where(f => EmailEligibility.GetsAlerts(f, document.Platform) && EmailEligibility.WantsSeverity(f, severity)))
        {
            // The changed provisions are read only when a follower follows provisions or clause types rather than the whole platform.
            var scope = EmailEligibility.ScopeOf(follower, document, AlertScope.NeedsChanges(follower, document) ? changes ??= await ChangesAsync(document, notice.Sequence, ct) : []);
            if (!scope.TellsAnything) continue;
            var request = scope.Whole
                ? AlertEmail.Request(follower.SubscriberId, notice.DocumentId, notice.TextSha256, notice.Sequence, clock.GetUtcNow())
                : ProvisionAlertEmail.Request(follower.SubscriberId, notice.DocumentId, notice.TextSha256, notice.Sequence, scope.Provisions, clock.GetUtcNow());
            await publisher.SendAsync(QueueNames.Emails, request, ct: ct);
            sent++;
        }
        log.LogInformation("Change {Document} version {Sequence}: {Alerts} alerts for {Followers} followers", notice.DocumentId, notice.Sequence, sent, followers.Count);
        return sent;
    }

    /// <summary>The provisions the version changed (built first if the check could not build them).</summary>
    private async Task<IReadOnlyList<ChangedProvision>> ChangesAsync(DocumentId id, long sequence, CancellationToken ct)
    {
        // Normally the check built the map: one read; building it again would split and follow the text for nothing.
        if (await ledger.FindAsync(id, sequence, ct) is null) await ledger.EnsureAsync(id, sequence, ct: ct);
        return await provisions.ChangesAsync(await catalog.GetAsync(id, ct), sequence, ct);
    }
}
