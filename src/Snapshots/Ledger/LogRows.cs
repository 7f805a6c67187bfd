using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Snapshots.Ledger;

/// <summary>
/// An entry waiting for the sequencer, in the <c>documents</c> table beside its document's row (PartitionKey the platform,
/// RowKey <c>~log~{terms-type}~{entry}</c>, see <c>DocumentId.LogPendingRowKey</c>): a check writes it in the same transaction
/// as the document row; a version writes it keyed by its sequence. A re-delivery writes the same keys, so nothing doubles.
/// </summary>
public sealed class PendingLogEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The leaf's canonical text (<see cref="LogLeaf.Text"/>).</summary>
    public string Leaf { get; set; } = "";

    /// <summary>The key that identifies the entry in the log's index: its partition and row key.</summary>
    public string EntryKey => $"{PartitionKey}~{RowKey}";

    /// <summary>
    /// The row as the table stores it, as the SDK's binding of this type writes it (its get-only <see cref="EntryKey"/> too;
    /// <c>TableRowsTests</c>), without the accessors that binding compiles.
    /// </summary>
    internal TableEntity ToEntity() => new(PartitionKey, RowKey) { ETag = ETag, [nameof(Leaf)] = Leaf, [nameof(EntryKey)] = EntryKey };

    internal static PendingLogEntry Of(LogLeaf leaf)
    {
        var entry = leaf.Kind == LeafKind.Version
            ? $"v{leaf.Sequence!.Value.ToString("D10", CultureInfo.InvariantCulture)}"
            : $"c{leaf.Time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}";
        return new PendingLogEntry { PartitionKey = leaf.Document.DocumentsPartitionKey, RowKey = leaf.Document.LogPendingRowKey(entry), Leaf = leaf.Text };
    }
}

/// <summary>One leaf of the log: PartitionKey <c>leaf</c>, RowKey its index as 12 digits. Create-only.</summary>
internal sealed class LogLeafRow : ITableEntity
{
    public const string Partition = "leaf";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public long Index { get; set; }
    /// <summary>The leaf's canonical text: the bytes whose RFC 9162 leaf hash is in the tree.</summary>
    public string Data { get; set; } = "";
    /// <summary>SHA-256(0x00 || Data), hex, as it was when sequenced.</summary>
    public string Hash { get; set; } = "";
    /// <summary>The pending entry it came from (<see cref="PendingLogEntry.EntryKey"/>).</summary>
    public string Entry { get; set; } = "";
    public DateTimeOffset SequencedAt { get; set; }

    public static string RowKeyOf(long index) => index.ToString("D12", CultureInfo.InvariantCulture);
}

/// <summary>The index of logged entries: PartitionKey <c>entry</c>, RowKey the entry key; its leaf's index. Create-only.</summary>
internal sealed class LogEntryRow : ITableEntity
{
    public const string Partition = "entry";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public long Index { get; set; }
}

/// <summary>A signed checkpoint: PartitionKey <c>checkpoint</c>, RowKey the tree size as 12 digits. Create-only.</summary>
internal sealed class CheckpointRow : ITableEntity
{
    public const string Partition = "checkpoint";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public long Size { get; set; }
    /// <summary>The root hash, hex.</summary>
    public string Root { get; set; } = "";
    public DateTimeOffset Time { get; set; }
    /// <summary>The signed note (C2SP signed-note text): origin, size, base64 root, time, blank line, signature line.</summary>
    public string Note { get; set; } = "";
    /// <summary>The RFC 3161 timestamp response over SHA-256 of <see cref="Note"/>, when an authority answered.</summary>
    public byte[]? Token { get; set; }
    public string? TokenAuthority { get; set; }
    public DateTimeOffset? TokenTime { get; set; }
}

/// <summary>The sequencer's state: PartitionKey <c>state</c>, RowKey <c>size</c>; the number of leaves (ETag updates).</summary>
internal sealed class LogStateRow : ITableEntity
{
    public const string Partition = "state";
    public const string Key = "size";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = Key;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public long Size { get; set; }
}
