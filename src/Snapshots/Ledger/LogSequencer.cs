using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Snapshots.Archive;
using Snapshots.Storage;

namespace Snapshots.Ledger;

/// <summary>What one sequencer pass did.</summary>
public sealed record SequencerPass(long Appended, long Size, Checkpoint? NewCheckpoint, string? CheckpointProblem);

/// <summary>
/// Gives pending entries their place in the log, in order, and signs a checkpoint of the grown tree. One pass: every pending
/// entry not yet in the index gets the next leaf (create-only), then its index row, then its pending row is deleted; the
/// state row keeps the size. A pass that stopped anywhere leaves nothing doubled: a leaf whose index row is missing is found
/// by probing past the recorded size and finished, and an entry already indexed is only removed from the pending rows.
/// Run by one caller at a time (the Functions timer is a singleton; locally the <c>run</c> loop).
/// </summary>
public sealed class LogSequencer(StorageClients storage, TransparencyLog log, CheckpointSigner signer, TimestampAuthorityClient authorities,
    IOptions<EvidenceOptions> evidence, TimeProvider clock, ILogger<LogSequencer> logger)
{
    private readonly TableClient _table = storage.TransparencyLog;

    public async Task<SequencerPass> RunAsync(CancellationToken ct = default)
    {
        var state = await StateAsync(ct);
        var size = state.Size;
        // Leaves written by a pass that stopped before recording the size: finish them.
        while (await LeafAsync(size, ct) is { } orphan)
        {
            await _table.TryAddAsync(new LogEntryRow { RowKey = orphan.Entry, Index = size }, ct);
            size++;
        }

        long appended = 0;
        foreach (var pending in await log.PendingAsync(ct))
        {
            if (await log.IndexOfEntryAsync(pending.EntryKey, ct) is null)
            {
                var data = pending.Leaf;
                var row = new LogLeafRow
                {
                    RowKey = LogLeafRow.RowKeyOf(size), Index = size, Data = data, Entry = pending.EntryKey,
                    Hash = Convert.ToHexStringLower(MerkleTree.LeafHash(Encoding.UTF8.GetBytes(data))), SequencedAt = clock.GetUtcNow(),
                };
                if (!await _table.TryAddAsync(row, ct))
                    throw new InvalidOperationException($"leaf {size} was written by another sequencer: only one may run at a time");
                await _table.TryAddAsync(new LogEntryRow { RowKey = pending.EntryKey, Index = size }, ct);
                size++;
                appended++;
            }
            try { await storage.Documents.DeleteEntityAsync(pending.PartitionKey, pending.RowKey, ETag.All, ct); }
            catch (RequestFailedException e) when (e.Status == 404) { }
        }

        if (size != state.Size)
        {
            state.Size = size;
            await _table.UpsertEntityAsync(state, TableUpdateMode.Replace, ct);
        }
        if (appended > 0) logger.LogInformation("Transparency log: {Appended} leaves appended, size {Size}", appended, size);
        var (checkpoint, problem) = await CheckpointAsync(size, ct);
        return new SequencerPass(appended, size, checkpoint, problem);
    }

    /// <summary>Signs (and timestamps, when authorities are configured) a checkpoint of <paramref name="size"/> leaves unless the latest has that size.</summary>
    private async Task<(Checkpoint?, string?)> CheckpointAsync(long size, CancellationToken ct)
    {
        if (size == 0) return (null, null);
        var latest = await log.LatestCheckpointAsync(ct);
        if (latest is not null && latest.Size >= size) return (null, null);
        if (!signer.CanSign)
        {
            logger.LogWarning("Transparency log of {Size} leaves has no checkpoint: {MissingKey}", size, LogOptions.MissingKey);
            return (null, $"no checkpoint was signed: {LogOptions.MissingKey}");
        }
        var hashes = await log.LeafHashesAsync(size, ct) ?? throw new InvalidOperationException($"the log's first {size} leaves are not all stored");
        var now = clock.GetUtcNow();
        var body = new CheckpointBody(signer.Origin, size, MerkleTree.Root(hashes, size), now);
        var note = signer.Sign(body.Text);
        var row = new CheckpointRow { RowKey = LogLeafRow.RowKeyOf(size), Size = size, Root = Convert.ToHexStringLower(body.Root), Time = now, Note = note };
        string? problem = null;
        if (evidence.Value.Enabled)
        {
            var (token, failures) = await authorities.RequestAsync(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(note))), now, ct);
            if (token is not null)
            {
                row.Token = token.Response;
                row.TokenAuthority = token.Authority;
                row.TokenTime = token.Facts.GenTime;
            }
            else
            {
                problem = $"checkpoint {size} has no timestamp: {string.Join("; ", failures)}";
                logger.LogWarning("Transparency log checkpoint {Size} signed without a timestamp: {Failures}", size, string.Join("; ", failures));
            }
        }
        await _table.TryAddAsync(row, ct);
        logger.LogInformation("Transparency log checkpoint {Size} signed", size);
        return (await log.CheckpointAsync(size, ct), problem);
    }

    private async Task<LogStateRow> StateAsync(CancellationToken ct)
    {
        var found = await _table.GetEntityIfExistsAsync<LogStateRow>(LogStateRow.Partition, LogStateRow.Key, cancellationToken: ct);
        return found.HasValue ? found.Value! : new LogStateRow();
    }

    private async Task<LogLeafRow?> LeafAsync(long index, CancellationToken ct)
    {
        var found = await _table.GetEntityIfExistsAsync<LogLeafRow>(LogLeafRow.Partition, LogLeafRow.RowKeyOf(index), cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }
}
