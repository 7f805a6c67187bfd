using Microsoft.Extensions.Logging;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.Tracking;

/// <summary>
/// The outbox of change notices. Recording a version and announcing it are two writes to two services; a failure between them
/// (queue down, the reply to the version insert lost, a crash) must not lose the alert. So a live version row is written with
/// <c>NoticeSent: false</c> and the document row with <see cref="DocumentRecord.NoticePendingSequence"/>; this sends every notice
/// still owed, marks each version row, then clears the document's pending mark. Concurrent checks of one document claim a
/// version's notice first (<see cref="VersionRecord.NoticeClaimedAt"/>, ETag-conditional, a lease of <see cref="ClaimLease"/>), so
/// normally one of them sends it; a claimer that crashes is replaced when its lease ends. Sending twice is still harmless: alert
/// requests are keyed by document and hash and the delivery rows let one email through.
/// </summary>
public sealed class ChangeAnnouncer(VersionLedger ledger, DocumentCatalog catalog, QueuePublisher publisher, TimeProvider clock, ILogger<ChangeAnnouncer> log)
{
    /// <summary>How long a claim to send a notice holds off other checks.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>Sends the notices the document owes (none when its row has no pending mark: no storage request). Returns how many were sent.</summary>
    /// <param name="inHand">A version row the caller holds with its ETag (the one it just inserted or read): not read again.
    /// It is claimed like any other, so a stale copy only makes the claim fail.</param>
    public async Task<int> SendOwedAsync(DocumentRecord document, CancellationToken ct = default, VersionRecord? inHand = null)
    {
        if (document.NoticePendingSequence is not { } from) return 0;
        var id = document.Id;
        var sent = 0;
        var through = from - 1;
        for (var sequence = from; sequence <= document.VersionCount; sequence++)
        {
            var version = inHand is { ETag: var etag } && etag != default && inHand.Document == id && inHand.Sequence == sequence
                ? inHand
                : await ledger.FindAsync(id, sequence, ct);
            if (version is null) break;
            if (version.NoticeSent == false)
            {
                // Another check is sending it (or has just sent it): leave the rest to that check, keep the document's mark.
                var now = clock.GetUtcNow();
                if (version.NoticeClaimedAt is { } claimed && now - claimed < ClaimLease) break;
                if (!await ledger.TryClaimNoticeAsync(version, now, ct)) break;
                try
                {
                    await publisher.SendAsync(QueueNames.Changes, NoticeOf(version), ct: ct);
                }
                catch
                {
                    await ReleaseQuietlyAsync(version);
                    throw;
                }
                await ledger.MarkNoticeSentAsync(version, ct);
                sent++;
                log.LogInformation("Announced {Document} version {Sequence} ({Sha256})", id, version.Sequence, version.TextSha256);
            }
            through = sequence;
        }
        if (through < from) return sent;
        await catalog.UpdateAsync(id, d =>
        {
            if (d.NoticePendingSequence is not { } pending || pending > through) return false;
            d.NoticePendingSequence = d.VersionCount > through ? through + 1 : null;
            return true;
        }, ct, document);
        return sent;
    }

    private async Task ReleaseQuietlyAsync(VersionRecord version)
    {
        try { await ledger.ReleaseNoticeClaimAsync(version, CancellationToken.None); }
        catch (Exception e) { log.LogWarning("Could not release the notice claim of {Document} version {Sequence} (its lease ends by itself): {Error}", version.Document, version.Sequence, e.Message); }
    }

    /// <summary>Sends what every document of the list owes (a capture cycle's sweep); returns how many notices were sent.</summary>
    public async Task<int> SendAllOwedAsync(IEnumerable<DocumentRecord> documents, CancellationToken ct = default)
    {
        var sent = 0;
        foreach (var document in documents.Where(d => d.NoticePendingSequence is not null))
            sent += await SendOwedAsync(document, ct);
        return sent;
    }

    public static ChangeNotice NoticeOf(VersionRecord version) => new(ChangeNotice.CurrentVersion, version.Document.ToString(), version.Sequence,
        version.TextSha256, version.CapturedAt, version.ChangedFromSha256, version.Severity);
}
