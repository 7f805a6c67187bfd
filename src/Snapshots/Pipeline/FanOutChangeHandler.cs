using Microsoft.Extensions.Logging;
using Snapshots.Catalog;
using Snapshots.Channels;
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
/// The same event, under the same message key, goes to each enabled delivery channel of a follower whose plan has them
/// (<see cref="ChannelFanOut"/>), whatever the follower's email preferences.
/// A document's first version (no previous hash) is not a change and raises no alert.
/// </summary>
public sealed class FanOutChangeHandler(SubscriberDirectory directory, DocumentCatalog catalog, ProvisionLedger ledger, ProvisionReader provisions,
    QueuePublisher publisher, ChannelFanOut channelFanOut, TimeProvider clock, ILogger<FanOutChangeHandler> log)
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
        var deliveries = 0;
        foreach (var follower in followers.Where(f => WantsChange(f, document.Platform, severity)))
        {
            var emails = EmailEligibility.GetsAlerts(follower, document.Platform);
            if (!emails && !ChannelFanOut.InPlan(follower)) continue;
            // The changed provisions are read only when a follower follows provisions or clause types rather than the whole platform.
            var scope = EmailEligibility.ScopeOf(follower, document, AlertScope.NeedsChanges(follower, document) ? changes ??= await ChangesAsync(document, notice.Sequence, ct) : []);
            if (!scope.TellsAnything) continue;
            var request = scope.Whole
                ? AlertEmail.Request(follower.SubscriberId, notice.DocumentId, notice.TextSha256, notice.Sequence, clock.GetUtcNow())
                : ProvisionAlertEmail.Request(follower.SubscriberId, notice.DocumentId, notice.TextSha256, notice.Sequence, scope.Provisions, clock.GetUtcNow());
            if (emails)
            {
                await publisher.SendAsync(QueueNames.Emails, request, ct: ct);
                sent++;
            }
            // The same event to the follower's delivery channels (webhooks, Slack, Teams), under the same message key.
            deliveries += await channelFanOut.QueueAsync(follower, request.MessageKey, notice.DocumentId, notice.Sequence, request.Provisions, ct);
        }
        log.LogInformation("Change {Document} version {Sequence}: {Alerts} alerts and {Deliveries} channel deliveries for {Followers} followers",
            notice.DocumentId, notice.Sequence, sent, deliveries, followers.Count);
        return sent;
    }

    /// <summary>
    /// Still follows the platform (re-checked on the profile) and wants a change this severe; emails also need alerts on and an
    /// address not suppressed (<see cref="EmailEligibility.GetsAlerts"/>), channels a plan with them (<see cref="ChannelFanOut.InPlan"/>).
    /// </summary>
    private static bool WantsChange(SubscriberRecord follower, string platform, SeverityLevel? severity) =>
        follower.Follows.CountedPlatforms.Contains(platform, StringComparer.Ordinal) && EmailEligibility.WantsSeverity(follower, severity);

    /// <summary>The provisions the version changed (built first if the check could not build them).</summary>
    private async Task<IReadOnlyList<ChangedProvision>> ChangesAsync(DocumentId id, long sequence, CancellationToken ct)
    {
        // Normally the check built the map: one read; building it again would split and follow the text for nothing.
        if (await ledger.FindAsync(id, sequence, ct) is null) await ledger.EnsureAsync(id, sequence, ct: ct);
        return await provisions.ChangesAsync(await catalog.GetAsync(id, ct), sequence, ct);
    }
}
