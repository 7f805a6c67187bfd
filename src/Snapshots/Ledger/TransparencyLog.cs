using Azure.Data.Tables;
using Snapshots.Storage;

namespace Snapshots.Ledger;

/// <summary>A checkpoint as stored: its size, root, time, signed note and timestamp token.</summary>
public sealed record Checkpoint(long Size, byte[] Root, DateTimeOffset Time, string Note, byte[]? Token, string? TokenAuthority, DateTimeOffset? TokenTime);

/// <summary>A leaf as stored: its index, canonical text and the hash recorded when it was sequenced.</summary>
public sealed record StoredLeaf(long Index, string Data, string Hash, string Entry, DateTimeOffset SequencedAt);

/// <summary>Reads the transparency log's table: leaves (all or a range), checkpoints, the index of logged entries, pending entries.</summary>
public sealed class TransparencyLog(StorageClients storage)
{
    private readonly TableClient _table = storage.TransparencyLog;

    public async Task<IReadOnlyList<StoredLeaf>> LeavesAsync(long start = 0, long end = long.MaxValue, CancellationToken ct = default)
    {
        var filter = $"PartitionKey eq '{LogLeafRow.Partition}' and RowKey ge '{LogLeafRow.RowKeyOf(start)}'"
            + (end == long.MaxValue ? "" : $" and RowKey lt '{LogLeafRow.RowKeyOf(end)}'");
        var leaves = new List<StoredLeaf>();
        await foreach (var row in _table.QueryAsync<LogLeafRow>(filter, cancellationToken: ct))
            leaves.Add(new StoredLeaf(row.Index, row.Data, row.Hash, row.Entry, row.SequencedAt));
        return leaves.OrderBy(l => l.Index).ToList();
    }

    /// <summary>The leaf hashes of the first <paramref name="size"/> leaves, recomputed from their data; null when one is missing.</summary>
    public async Task<IReadOnlyList<byte[]>?> LeafHashesAsync(long size, CancellationToken ct = default)
    {
        var leaves = await LeavesAsync(0, size, ct);
        if (leaves.Count != size) return null;
        for (var i = 0; i < leaves.Count; i++) if (leaves[i].Index != i) return null;
        return leaves.Select(l => MerkleTree.LeafHash(System.Text.Encoding.UTF8.GetBytes(l.Data))).ToList();
    }

    public async Task<long> SizeAsync(CancellationToken ct = default)
    {
        var state = await _table.GetEntityIfExistsAsync<LogStateRow>(LogStateRow.Partition, LogStateRow.Key, cancellationToken: ct);
        return state.HasValue ? state.Value!.Size : 0;
    }

    public async Task<IReadOnlyList<Checkpoint>> CheckpointsAsync(CancellationToken ct = default)
    {
        var checkpoints = new List<Checkpoint>();
        await foreach (var row in _table.QueryAsync<CheckpointRow>(r => r.PartitionKey == CheckpointRow.Partition, cancellationToken: ct))
            checkpoints.Add(Of(row));
        return checkpoints.OrderBy(c => c.Size).ToList();
    }

    public async Task<Checkpoint?> LatestCheckpointAsync(CancellationToken ct = default) => (await CheckpointsAsync(ct)).LastOrDefault();

    public async Task<Checkpoint?> CheckpointAsync(long size, CancellationToken ct = default)
    {
        var row = await _table.GetEntityIfExistsAsync<CheckpointRow>(CheckpointRow.Partition, LogLeafRow.RowKeyOf(size), cancellationToken: ct);
        return row.HasValue ? Of(row.Value!) : null;
    }

    /// <summary>The index of a logged entry (<see cref="PendingLogEntry.EntryKey"/>), or null when it is not in the log yet.</summary>
    public async Task<long?> IndexOfEntryAsync(string entryKey, CancellationToken ct = default)
    {
        var row = await _table.GetEntityIfExistsAsync<LogEntryRow>(LogEntryRow.Partition, entryKey, cancellationToken: ct);
        return row.HasValue ? row.Value!.Index : null;
    }

    /// <summary>Every entry still waiting for the sequencer, oldest first.</summary>
    public async Task<IReadOnlyList<PendingLogEntry>> PendingAsync(CancellationToken ct = default)
    {
        var pending = new List<PendingLogEntry>();
        var filter = $"RowKey ge '{Catalog.DocumentId.LogPendingPrefix}' and RowKey lt '{Catalog.DocumentId.LogPendingPrefix}~'";
        await foreach (var row in storage.Documents.QueryAsync<PendingLogEntry>(filter, cancellationToken: ct)) pending.Add(row);
        return pending.OrderBy(p => p.Timestamp).ThenBy(p => p.EntryKey, StringComparer.Ordinal).ToList();
    }

    private static Checkpoint Of(CheckpointRow row) =>
        new(row.Size, Convert.FromHexString(row.Root), row.Time, row.Note, row.Token, row.TokenAuthority, row.TokenTime);
}
