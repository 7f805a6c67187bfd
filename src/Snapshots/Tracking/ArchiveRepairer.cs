using Snapshots.Text;
using Snapshots.Archive;
using Snapshots.Fetching;
using Snapshots.Catalog;

namespace Snapshots.Tracking;

/// <summary>One thing <c>verify --repair</c> did, or could not do safely.</summary>
public sealed record RepairAction(DocumentId Document, long? Sequence, string What, bool Done)
{
    public override string ToString() => Sequence is { } n ? $"{Document} version {n}: {What}" : $"{Document}: {What}";
}

/// <summary>
/// What can be repaired without ever altering evidence: a document row behind its ledger is brought up to the last row;
/// the current version's missing raw blob is fetched again without validators and restored only when the bytes hash to the
/// recorded value; a stored token the row does not record is checked and recorded; versions without a token get one when
/// an authority is configured. Nothing is deleted or overwritten; everything else is reported as left.
/// </summary>
public sealed class ArchiveRepairer(VersionLedger ledger, SnapshotArchive archive, DocumentCatalog catalog, VersionRecorder recorder,
    VersionTimestamper timestamper, RawBlobRestorer restorer, PageFetcher fetcher)
{
    public async Task<IReadOnlyList<RepairAction>> RepairAsync(DocumentId? only = null, CancellationToken ct = default)
    {
        var actions = new List<RepairAction>();
        var documents = only is { } one ? [one] : (await ledger.ListDocumentsAsync(ct)).Union((await catalog.ListAsync(ct: ct)).Select(d => d.Id)).ToList();
        foreach (var id in documents)
        {
            var versions = await ledger.ListAsync(id, ct);
            var document = await catalog.FindAsync(id, ct);
            var last = versions.Count > 0 ? versions[^1] : null;
            if (document is not null && last is not null && document.VersionCount < last.Sequence)
            {
                await recorder.PointDocumentAtAsync(last, ct);
                actions.Add(new RepairAction(id, null, $"document row brought up from version {document.VersionCount} to the ledger's last, version {last.Sequence}", true));
            }
            else if (document is not null && document.VersionCount > (last?.Sequence ?? 0))
            {
                actions.Add(new RepairAction(id, null, $"document row says version {document.VersionCount} but the ledger ends at {last?.Sequence ?? 0}: version rows are missing and cannot be rebuilt", false));
            }

            if (last is not null) await RestoreRawBlobsAsync(last, actions, ct);
            foreach (var version in versions.Take(versions.Count - 1))
                foreach (var source in version.RawSources())
                    if (!await archive.ExistsAsync(source.Blob, ct))
                        actions.Add(new RepairAction(id, version.Sequence, $"raw blob snapshots/{source.Blob} is missing; only the current version's page can be fetched again", false));

            await TimestampAsync(versions, actions, ct);
        }
        return actions;
    }

    private async Task RestoreRawBlobsAsync(VersionRecord version, List<RepairAction> actions, CancellationToken ct)
    {
        var missing = await restorer.MissingAsync(version, ct);
        if (missing.Count == 0) return;
        var bodies = new List<byte[]>();
        foreach (var source in missing)
        {
            try
            {
                bodies.Add((await fetcher.FetchAsync(new Uri(source.Url), conditional: null, ct)).Body);
            }
            catch (FetchException e)
            {
                // The next check of the document fetches without validators and restores it (DocumentRecord.MissingRawSha256).
                await catalog.UpdateAsync(version.Document, d => { d.MissingRawSha256 = version.RawSha256; return true; }, ct);
                actions.Add(new RepairAction(version.Document, version.Sequence,
                    $"raw blob snapshots/{source.Blob} is missing and {source.Url} could not be fetched again ({e.Message}): the next check will try", false));
            }
        }
        var restored = await restorer.RestoreAsync(version, bodies, ct);
        foreach (var source in missing.Where(m => restored.Contains(m.Blob)))
            actions.Add(new RepairAction(version.Document, version.Sequence, $"raw blob snapshots/{source.Blob} restored from {source.Url} (same SHA-256 as recorded)", true));
        var fetched = bodies.Select(b => Sha256Hex.Of(b)).ToList();
        foreach (var source in missing.Where(m => !restored.Contains(m.Blob)).Take(bodies.Count))
            actions.Add(new RepairAction(version.Document, version.Sequence,
                $"raw blob snapshots/{source.Blob} is missing and {source.Url} now serves other bytes (SHA-256 {string.Join(", ", fetched.Select(f => f[..12]))}, recorded {source.Sha256[..12]}): not restored", false));
    }

    private async Task TimestampAsync(IReadOnlyList<VersionRecord> versions, List<RepairAction> actions, CancellationToken ct)
    {
        var disabled = 0;
        foreach (var version in versions.Where(v => !v.IsTimestamped))
        {
            var outcome = await timestamper.TimestampAsync(version.Document, version.Sequence, version.ChainHash, ct);
            switch (outcome.Status)
            {
                case TimestampStatus.Timestamped or TimestampStatus.Recovered:
                    actions.Add(new RepairAction(version.Document, version.Sequence, outcome.Detail, true));
                    break;
                case TimestampStatus.Disabled:
                    disabled++;
                    break;
                case TimestampStatus.Unavailable or TimestampStatus.Refused:
                    actions.Add(new RepairAction(version.Document, version.Sequence, $"no timestamp: {outcome.Detail}", false));
                    break;
            }
        }
        if (disabled > 0 && versions.Count > 0)
            actions.Add(new RepairAction(versions[0].Document, null, $"{disabled} versions have no timestamp and no authority is configured (Evidence:TimestampAuthorities)", false));
    }
}
