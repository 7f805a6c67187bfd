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
        RawSourceJson.Read(RawSourcesJson);

    /// <summary>
    /// The stored columns, each property above under its own name: the row as the SDK's binding of this type writes and
    /// reads it (<c>TableRowsTests</c> compares the two), without the accessors that binding compiles.
    /// </summary>
    private static readonly TableColumns<VersionRecord> Columns = new TableColumns<VersionRecord>()
        .Add(nameof(Sequence), r => r.Sequence, (r, v) => r.Sequence = v)
        .Add(nameof(CapturedAt), r => r.CapturedAt, (r, v) => r.CapturedAt = v)
        .Add(nameof(TextSha256), r => r.TextSha256, (r, v) => r.TextSha256 = v)
        .Add(nameof(RawSha256), r => r.RawSha256, (r, v) => r.RawSha256 = v)
        .Add(nameof(TextBlob), r => r.TextBlob, (r, v) => r.TextBlob = v)
        .Add(nameof(RawSourcesJson), r => r.RawSourcesJson, (r, v) => r.RawSourcesJson = v)
        .Add(nameof(PreviousTextSha256), r => r.PreviousTextSha256, (r, v) => r.PreviousTextSha256 = v)
        .Add(nameof(ComparedWithSha256), r => r.ComparedWithSha256, (r, v) => r.ComparedWithSha256 = v)
        .Add(nameof(PreviousChainHash), r => r.PreviousChainHash, (r, v) => r.PreviousChainHash = v)
        .Add(nameof(ChainFormat), r => r.ChainFormat, (r, v) => r.ChainFormat = v)
        .Add(nameof(TimestampRequested), r => r.TimestampRequested, (r, v) => r.TimestampRequested = v)
        .Add(nameof(ChainHash), r => r.ChainHash, (r, v) => r.ChainHash = v)
        .Add(nameof(DeclarationSha256), r => r.DeclarationSha256, (r, v) => r.DeclarationSha256 = v)
        .Add(nameof(Origin), r => r.Origin, (r, v) => r.Origin = v)
        .Add(nameof(WordsAdded), r => r.WordsAdded, (r, v) => r.WordsAdded = v)
        .Add(nameof(WordsRemoved), r => r.WordsRemoved, (r, v) => r.WordsRemoved = v)
        .Add(nameof(TextLength), r => r.TextLength, (r, v) => r.TextLength = v)
        .Add(nameof(SummaryJson), r => r.SummaryJson, (r, v) => r.SummaryJson = v)
        .Add(nameof(NoticeSent), r => r.NoticeSent, (r, v) => r.NoticeSent = v)
        .Add(nameof(NoticeClaimedAt), r => r.NoticeClaimedAt, (r, v) => r.NoticeClaimedAt = v)
        .Add(nameof(Severity), r => r.Severity, (r, v) => r.Severity = v)
        .Add(nameof(SeverityReason), r => r.SeverityReason, (r, v) => r.SeverityReason = v)
        .Add(nameof(TimestampAuthority), r => r.TimestampAuthority, (r, v) => r.TimestampAuthority = v)
        .Add(nameof(TimestampSigner), r => r.TimestampSigner, (r, v) => r.TimestampSigner = v)
        .Add(nameof(TimestampSerial), r => r.TimestampSerial, (r, v) => r.TimestampSerial = v)
        .Add(nameof(TimestampGenTime), r => r.TimestampGenTime, (r, v) => r.TimestampGenTime = v)
        .Add(nameof(TimestampSha256), r => r.TimestampSha256, (r, v) => r.TimestampSha256 = v)
        .Add(nameof(TimestampTokensJson), r => r.TimestampTokensJson, (r, v) => r.TimestampTokensJson = v)
        .Add(nameof(WaybackUrl), r => r.WaybackUrl, (r, v) => r.WaybackUrl = v)
        .Add(nameof(WaybackCapturedAt), r => r.WaybackCapturedAt, (r, v) => r.WaybackCapturedAt = v)
        .Add(nameof(WaybackDigest), r => r.WaybackDigest, (r, v) => r.WaybackDigest = v);

    /// <summary>The row as the table stores it (<see cref="Columns"/>); a null property is left out.</summary>
    internal TableEntity ToEntity() => Columns.ToEntity(this);

    /// <summary>The record of a stored row (<see cref="ToEntity"/>); a property the row lacks keeps its default.</summary>
    internal static VersionRecord FromEntity(TableEntity row) => Columns.FromEntity(row);

    public static string RowKeyOf(long sequence) => sequence.ToString("D10", CultureInfo.InvariantCulture);
}

/// <summary>
/// One fetched source of a version: where it came from and where its raw bytes are archived, and from chain format 3 the
/// SHA-256 and blob of its WARC capture (absent on older rows and on imports, and then not written at all).
/// </summary>
public sealed record RawSource(string Url, string FinalUrl, string MediaType, string Sha256, string Blob,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? WarcSha256 = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? WarcBlob = null);
