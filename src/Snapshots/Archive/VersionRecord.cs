using System.Runtime.Serialization;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Snapshots.Catalog;
using Snapshots.Storage;

namespace Snapshots.Archive;

/// <summary>
/// A row of the <c>versions</c> table: one recorded version of a document and its evidence.
/// PartitionKey is the encoded document id, RowKey the zero-padded sequence number (1, 2, ...).
/// </summary>
public sealed class VersionRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public long Sequence { get; set; }
    public DateTimeOffset CapturedAt { get; set; }
    public string TextSha256 { get; set; } = "";
    /// <summary>Hash of the raw bytes (one source) or of the ordered source hashes (combined documents).</summary>
    public string RawSha256 { get; set; } = "";
    public string TextBlob { get; set; } = "";
    /// <summary>JSON array of <see cref="RawSource"/>: each source URL with its raw blob and hash.</summary>
    public string RawSourcesJson { get; set; } = "[]";
    public string? PreviousTextSha256 { get; set; }
    /// <summary>
    /// When the page served a known variant (an earlier version's text) just before this version, that text's hash: the
    /// summary, alerts and digests compare with it. Null when the page served the previous version. Not on the chain.
    /// </summary>
    public string? ComparedWithSha256 { get; set; }
    public string PreviousChainHash { get; set; } = HashChain.Genesis;
    /// <summary>
    /// How <see cref="ChainHash"/> is computed (see <see cref="HashChain"/>): null on rows written before formats were numbered
    /// (format 1: previous link, text hash, capture time), 2 on rows whose every evidence field is on the chain, 3 when the
    /// sources' WARC captures are on it too.
    /// </summary>
    public int? ChainFormat { get; set; }
    /// <summary>
    /// Whether a timestamp authority was configured when the version was recorded (a token was asked for). On the chain from
    /// format 2, so a row that claimed a token cannot later pass for one that never had one. Null on format-1 rows.
    /// </summary>
    public bool? TimestampRequested { get; set; }
    public string ChainHash { get; set; } = "";
    public string DeclarationSha256 { get; set; } = "";
    /// <summary>"live" for a capture, "import" for history imported from saved captures.</summary>
    public string Origin { get; set; } = "live";
    public int WordsAdded { get; set; }
    public int WordsRemoved { get; set; }
    public int TextLength { get; set; }
    /// <summary>Section-level change summary as JSON (see Changes/), if computed.</summary>
    public string? SummaryJson { get; set; }
    /// <summary>
    /// The outbox flag of a live change: false from the insert until its <c>ChangeNotice</c> is on the changes queue, then true.
    /// Null on imported versions and on a document's first version (neither is announced: a first version is the start of
    /// tracking, not a change), and on rows written before the flag existed (announced then).
    /// </summary>
    public bool? NoticeSent { get; set; }
    /// <summary>When a check claimed the sending of this version's notice (a lease, so concurrent checks send it once; see ChangeAnnouncer).</summary>
    public DateTimeOffset? NoticeClaimedAt { get; set; }
    /// <summary>"low", "medium" or "high" (see Changes/ChangeSeverity), with its reason in words; null on versions recorded before severity.</summary>
    public string? Severity { get; set; }
    public string? SeverityReason { get; set; }

    /// <summary>The text this version's change is described against: the variant served before it, or the previous version.</summary>
    [IgnoreDataMember]
    public string? ChangedFromSha256 => ComparedWithSha256 ?? PreviousTextSha256;

    /// <summary>The RFC 3161 authority (URL) whose token for <see cref="ChainHash"/> is stored as <c>{documentId}/{chainHash}.tsr</c>; null until timestamped.</summary>
    public string? TimestampAuthority { get; set; }
    /// <summary>The token's signer (certificate subject name).</summary>
    public string? TimestampSigner { get; set; }
    /// <summary>The token's serial number, lower-case hex.</summary>
    public string? TimestampSerial { get; set; }
    /// <summary>The time the authority vouches for (genTime).</summary>
    public DateTimeOffset? TimestampGenTime { get; set; }
    /// <summary>The SHA-256 of the stored token's bytes (null on rows timestamped before it was recorded): verify compares them byte for byte.</summary>
    public string? TimestampSha256 { get; set; }

    /// <summary>
    /// JSON array of <see cref="TokenRecord"/>: every token of the version (one per configured authority, and the renewals),
    /// each with its SHA-256, its authority's certificate chain and the revocation answers fetched when it was stamped. Null on
    /// rows timestamped before long-term timestamps (their one token is the <c>.tsr</c> named by the chain hash). Not on the chain.
    /// </summary>
    public string? TimestampTokensJson { get; set; }

    /// <summary>The Wayback Machine's copy of the version's source page (Save Page Now), when Wayback is on; not on the chain.</summary>
    public string? WaybackUrl { get; set; }
    /// <summary>When the Wayback Machine captured it (its timestamp, UTC).</summary>
    public DateTimeOffset? WaybackCapturedAt { get; set; }
    /// <summary>The capture's digest as the Wayback Machine gave it, when it gave one.</summary>
    public string? WaybackDigest { get; set; }

    [IgnoreDataMember]
    public bool IsTimestamped => TimestampGenTime is not null;

    /// <summary>Whether any timestamp field is set (a row that states part of a timestamp states one).</summary>
    [IgnoreDataMember]
    public bool ClaimsTimestamp => TimestampGenTime is not null || TimestampSigner is not null || TimestampSerial is not null
        || TimestampAuthority is not null || TimestampSha256 is not null;

    [IgnoreDataMember]
    public DocumentId Document => DocumentId.FromVersionsPartitionKey(PartitionKey);

    public IReadOnlyList<RawSource> RawSources() =>
        System.Text.Json.JsonSerializer.Deserialize<List<RawSource>>(RawSourcesJson, DeclarationJsonOptions.Options) ?? [];

    /// <summary>
    /// The row as the table stores it: every property above under its own name, a null one left out, exactly as the SDK's
    /// binding of this type writes it (<c>TableRowsTests</c> compares the two), without the accessors that binding compiles.
    /// </summary>
    internal TableEntity ToEntity()
    {
        var row = new TableEntity(PartitionKey, RowKey) { ETag = ETag };
        row.Put(nameof(Sequence), Sequence);
        row.Put(nameof(CapturedAt), CapturedAt);
        row.Put(nameof(TextSha256), TextSha256);
        row.Put(nameof(RawSha256), RawSha256);
        row.Put(nameof(TextBlob), TextBlob);
        row.Put(nameof(RawSourcesJson), RawSourcesJson);
        row.Put(nameof(PreviousTextSha256), PreviousTextSha256);
        row.Put(nameof(ComparedWithSha256), ComparedWithSha256);
        row.Put(nameof(PreviousChainHash), PreviousChainHash);
        row.Put(nameof(ChainFormat), ChainFormat);
        row.Put(nameof(TimestampRequested), TimestampRequested);
        row.Put(nameof(ChainHash), ChainHash);
        row.Put(nameof(DeclarationSha256), DeclarationSha256);
        row.Put(nameof(Origin), Origin);
        row.Put(nameof(WordsAdded), WordsAdded);
        row.Put(nameof(WordsRemoved), WordsRemoved);
        row.Put(nameof(TextLength), TextLength);
        row.Put(nameof(SummaryJson), SummaryJson);
        row.Put(nameof(NoticeSent), NoticeSent);
        row.Put(nameof(NoticeClaimedAt), NoticeClaimedAt);
        row.Put(nameof(Severity), Severity);
        row.Put(nameof(SeverityReason), SeverityReason);
        row.Put(nameof(TimestampAuthority), TimestampAuthority);
        row.Put(nameof(TimestampSigner), TimestampSigner);
        row.Put(nameof(TimestampSerial), TimestampSerial);
        row.Put(nameof(TimestampGenTime), TimestampGenTime);
        row.Put(nameof(TimestampSha256), TimestampSha256);
        row.Put(nameof(TimestampTokensJson), TimestampTokensJson);
        row.Put(nameof(WaybackUrl), WaybackUrl);
        row.Put(nameof(WaybackCapturedAt), WaybackCapturedAt);
        row.Put(nameof(WaybackDigest), WaybackDigest);
        return row;
    }

    /// <summary>The record of a stored row (<see cref="ToEntity"/>); a property the row lacks keeps its default.</summary>
    internal static VersionRecord FromEntity(TableEntity row)
    {
        var record = new VersionRecord { PartitionKey = row.PartitionKey, RowKey = row.RowKey, Timestamp = row.Timestamp, ETag = row.ETag };
        record.Sequence = row.GetInt64(nameof(Sequence)) ?? record.Sequence;
        record.CapturedAt = row.GetDateTimeOffset(nameof(CapturedAt)) ?? record.CapturedAt;
        record.TextSha256 = row.GetString(nameof(TextSha256)) ?? record.TextSha256;
        record.RawSha256 = row.GetString(nameof(RawSha256)) ?? record.RawSha256;
        record.TextBlob = row.GetString(nameof(TextBlob)) ?? record.TextBlob;
        record.RawSourcesJson = row.GetString(nameof(RawSourcesJson)) ?? record.RawSourcesJson;
        record.PreviousTextSha256 = row.GetString(nameof(PreviousTextSha256));
        record.ComparedWithSha256 = row.GetString(nameof(ComparedWithSha256));
        record.PreviousChainHash = row.GetString(nameof(PreviousChainHash)) ?? record.PreviousChainHash;
        record.ChainFormat = row.GetInt32(nameof(ChainFormat));
        record.TimestampRequested = row.GetBoolean(nameof(TimestampRequested));
        record.ChainHash = row.GetString(nameof(ChainHash)) ?? record.ChainHash;
        record.DeclarationSha256 = row.GetString(nameof(DeclarationSha256)) ?? record.DeclarationSha256;
        record.Origin = row.GetString(nameof(Origin)) ?? record.Origin;
        record.WordsAdded = row.GetInt32(nameof(WordsAdded)) ?? record.WordsAdded;
        record.WordsRemoved = row.GetInt32(nameof(WordsRemoved)) ?? record.WordsRemoved;
        record.TextLength = row.GetInt32(nameof(TextLength)) ?? record.TextLength;
        record.SummaryJson = row.GetString(nameof(SummaryJson));
        record.NoticeSent = row.GetBoolean(nameof(NoticeSent));
        record.NoticeClaimedAt = row.GetDateTimeOffset(nameof(NoticeClaimedAt));
        record.Severity = row.GetString(nameof(Severity));
        record.SeverityReason = row.GetString(nameof(SeverityReason));
        record.TimestampAuthority = row.GetString(nameof(TimestampAuthority));
        record.TimestampSigner = row.GetString(nameof(TimestampSigner));
        record.TimestampSerial = row.GetString(nameof(TimestampSerial));
        record.TimestampGenTime = row.GetDateTimeOffset(nameof(TimestampGenTime));
        record.TimestampSha256 = row.GetString(nameof(TimestampSha256));
        record.TimestampTokensJson = row.GetString(nameof(TimestampTokensJson));
        record.WaybackUrl = row.GetString(nameof(WaybackUrl));
        record.WaybackCapturedAt = row.GetDateTimeOffset(nameof(WaybackCapturedAt));
        record.WaybackDigest = row.GetString(nameof(WaybackDigest));
        return record;
    }

    public static string RowKeyOf(long sequence) => sequence.ToString("D10", CultureInfo.InvariantCulture);
}

/// <summary>
/// One fetched source of a version: where it came from and where its raw bytes are archived, and from chain format 3 the
/// SHA-256 and blob of its WARC capture (absent on older rows and on imports, and then not written at all).
/// </summary>
public sealed record RawSource(string Url, string FinalUrl, string MediaType, string Sha256, string Blob,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? WarcSha256 = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? WarcBlob = null);
