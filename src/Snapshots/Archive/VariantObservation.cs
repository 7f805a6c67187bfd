using Snapshots.Text;
using System.Globalization;
using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using Snapshots.Catalog;

namespace Snapshots.Archive;

/// <summary>
/// A row of the <c>observations</c> table: a check whose text was, byte for byte, a text the document already had
/// (version <see cref="Sequence"/>) within the variant window: the page alternating between variants, not a change.
/// It is evidence, not a version: it is on no version's hash chain and creates no blob; it points at the version's
/// existing text blob. Its own <see cref="ObservationHash"/> ties it to the chain head at the time it was seen
/// (<see cref="AnchorChainHash"/>), so <c>verify</c> detects an altered observation without the chain changing.
/// PartitionKey is the document's versions partition key, RowKey the capture time (UTC ticks, zero-padded): a
/// capture is observed at most once, whether it is delivered twice or re-imported.
/// </summary>
public sealed class VariantObservation : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset CapturedAt { get; set; }
    /// <summary>The version whose text came back.</summary>
    public long Sequence { get; set; }
    public string TextSha256 { get; set; } = "";
    /// <summary>The version's text blob (already archived; nothing new is written).</summary>
    public string TextBlob { get; set; } = "";
    /// <summary>Hash of the raw bytes fetched at this check (the bytes themselves are not archived).</summary>
    public string RawSha256 { get; set; } = "";
    /// <summary>The document's latest version and chain hash when this was seen.</summary>
    public long AnchorSequence { get; set; }
    public string AnchorChainHash { get; set; } = "";
    public string ObservationHash { get; set; } = "";
    public string Origin { get; set; } = "live";

    [IgnoreDataMember]
    public DocumentId Document => DocumentId.FromVersionsPartitionKey(PartitionKey);

    public static string RowKeyOf(DateTimeOffset capturedAt) =>
        HashChain.Truncate(capturedAt).UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>SHA-256(anchor chain hash + "\n" + text SHA-256 + "\n" + capture time + "\n" + sequence).</summary>
    public static string HashOf(string anchorChainHash, string textSha256, DateTimeOffset capturedAt, long sequence) =>
        Sha256Hex.Of($"{anchorChainHash}\n{textSha256}\n{HashChain.FormatTime(capturedAt)}\n{sequence.ToString(CultureInfo.InvariantCulture)}");

    public static VariantObservation Of(DocumentId document, VersionRecord returnedTo, VersionRecord latest, DateTimeOffset capturedAt, string rawSha256, string origin)
    {
        var at = HashChain.Truncate(capturedAt);
        return new VariantObservation
        {
            PartitionKey = document.VersionsPartitionKey,
            RowKey = RowKeyOf(at),
            CapturedAt = at,
            Sequence = returnedTo.Sequence,
            TextSha256 = returnedTo.TextSha256,
            TextBlob = returnedTo.TextBlob,
            RawSha256 = rawSha256,
            AnchorSequence = latest.Sequence,
            AnchorChainHash = latest.ChainHash,
            ObservationHash = HashOf(latest.ChainHash, returnedTo.TextSha256, at, returnedTo.Sequence),
            Origin = origin,
        };
    }
}
