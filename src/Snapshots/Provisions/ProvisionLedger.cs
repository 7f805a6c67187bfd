using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Storage;

namespace Snapshots.Provisions;

/// <summary>
/// The <c>provisions</c> table: one row per recorded version (PK the document's versions key, RK the version's row key), its
/// <see cref="ProvisionMap"/>. Rows are derived from the versions' texts in order and written create-only, so building them
/// again (a second delivery, a re-import, the backfill) changes nothing, and a missing run of them is filled from the first
/// missing version on, wherever it is asked for.
/// </summary>
public sealed class ProvisionLedger(StorageClients storage, VersionLedger versions, SnapshotArchive archive, ILogger<ProvisionLedger> log)
{
    private readonly TableClient _table = storage.Provisions;

    /// <summary>The map of a version; null when it has not been built (or the table does not exist yet).</summary>
    public async Task<ProvisionMap?> FindAsync(DocumentId document, long sequence, CancellationToken ct = default)
    {
        try
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(document.VersionsPartitionKey, VersionRecord.RowKeyOf(sequence), cancellationToken: ct);
            return row.HasValue ? ProvisionMapCodec.FromEntity(row.Value!) : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every built map of the document, oldest first.</summary>
    public async Task<IReadOnlyList<ProvisionMap>> ListAsync(DocumentId document, CancellationToken ct = default)
    {
        var maps = new List<ProvisionMap>();
        var partition = document.VersionsPartitionKey;
        try
        {
            await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: ct))
                maps.Add(ProvisionMapCodec.FromEntity(row));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
        return maps.OrderBy(m => m.Sequence).ToList();
    }

    /// <summary>
    /// The map of version <paramref name="sequence"/>, built (with every missing one before it, in order) when it is not there yet.
    /// </summary>
    /// <param name="textInHand">The text of version <paramref name="sequence"/> when the caller holds it (saves reading its blob).</param>
    /// <param name="previousTextInHand">Likewise the text of the version before it.</param>
    public async Task<ProvisionMap> EnsureAsync(DocumentId document, long sequence, string? textInHand = null, CancellationToken ct = default, string? previousTextInHand = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        // The usual case, a new version after one whose map exists: one read, one write.
        // A first version: no read at all (a second build of it is refused by the table and changes nothing).
        ProvisionMap? previous = null;
        if (sequence > 1)
        {
            previous = await FindAsync(document, sequence - 1, ct);
            if (previous is null) return (await BuildMissingAsync(document, sequence, textInHand, ct))[^1];
        }
        var previousText = previous is null ? null : previousTextInHand ?? await TextAsync(document, previous.Sequence, ct);
        return await BuildAsync(document, sequence, textInHand ?? await TextAsync(document, sequence, ct), previous, previousText, ct);
    }

    /// <summary>
    /// <see cref="EnsureAsync"/> for a version just recorded: a failure is logged, not thrown (the version stands; the next
    /// version, the fan-out or <c>snapshots provisions build</c> builds what is missing).
    /// </summary>
    public async Task EnsureQuietlyAsync(DocumentId document, VersionRecord version, string text, string? previousText, ILogger caller, CancellationToken ct)
    {
        try { await EnsureAsync(document, version.Sequence, text, ct, previousText); }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            caller.LogWarning(e, "Provisions of {Document} version {Sequence} not built yet: {Error}", document, version.Sequence, e.Message);
        }
    }

    /// <summary>
    /// Builds every map of the document that is missing, up to <paramref name="through"/> (default: its latest version); returns
    /// the maps of the versions it looked at from the first missing one. Idempotent and resumable: what is built stays built.
    /// </summary>
    public async Task<IReadOnlyList<ProvisionMap>> BuildMissingAsync(DocumentId document, long? through = null, string? textOfLast = null, CancellationToken ct = default)
    {
        var recorded = await versions.ListAsync(document, ct);
        var last = through ?? (recorded.Count == 0 ? 0 : recorded[^1].Sequence);
        var built = (await ListKeysAsync(document, ct)).ToHashSet();
        var firstMissing = 1L;
        while (built.Contains(firstMissing) && firstMissing <= last) firstMissing++;
        if (firstMissing > last) return last == 0 ? [] : [(await FindAsync(document, last, ct))!];

        var maps = new List<ProvisionMap>();
        var previous = firstMissing > 1 ? await FindAsync(document, firstMissing - 1, ct) : null;
        var previousText = previous is null ? null : await TextAsync(document, previous.Sequence, ct);
        foreach (var version in recorded.Where(v => v.Sequence >= firstMissing && v.Sequence <= last))
        {
            var text = version.Sequence == last && textOfLast is not null ? textOfLast : await archive.ReadTextAsync(version.TextBlob, ct);
            var map = built.Contains(version.Sequence) ? (await FindAsync(document, version.Sequence, ct))! : await BuildAsync(document, version.Sequence, text, previous, previousText, ct);
            maps.Add(map);
            (previous, previousText) = (map, text);
        }
        if (maps.Count > 1) log.LogInformation("Built the provisions of {Document} versions {First} to {Last}", document, maps[0].Sequence, maps[^1].Sequence);
        return maps;
    }

    private async Task<ProvisionMap> BuildAsync(DocumentId document, long sequence, string text, ProvisionMap? previous, string? previousText, CancellationToken ct)
    {
        var map = Map(sequence, text, previous, previousText);
        var entity = ProvisionMapCodec.ToEntity(document.VersionsPartitionKey, VersionRecord.RowKeyOf(sequence), map);
        // Another writer (a second delivery, the backfill) built the same map from the same texts: either row is this one.
        await _table.TryAddAsync(entity, ct);
        return map;
    }

    /// <summary>The map of a version's text, following the previous version's map: pure.</summary>
    public static ProvisionMap Map(long sequence, string text, ProvisionMap? previous, string? previousText)
    {
        var split = ProvisionSplitter.Split(text);
        var lineage = previous is null || previousText is null
            ? ProvisionLineage.Start(checked((int)sequence), split)
            : ProvisionLineage.Follow(previousText, previous.Provisions, checked((int)sequence), text, split, previous.RetiredSlugs);
        return ProvisionMap.Of(sequence, Text.Sha256Hex.Of(text), lineage, previous);
    }

    private async Task<string> TextAsync(DocumentId document, long sequence, CancellationToken ct) =>
        await archive.ReadTextAsync((await versions.GetAsync(document, sequence, ct)).TextBlob, ct);

    private async Task<IReadOnlyList<long>> ListKeysAsync(DocumentId document, CancellationToken ct)
    {
        var keys = new List<long>();
        var partition = document.VersionsPartitionKey;
        try
        {
            await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["Sequence"], cancellationToken: ct))
                keys.Add(row.GetInt64("Sequence") ?? 0);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
        return keys;
    }
}
