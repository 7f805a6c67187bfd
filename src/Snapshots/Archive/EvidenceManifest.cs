using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snapshots.Archive;

/// <summary>
/// <c>manifest.json</c> of an evidence bundle: what was exported and every hash needed to check it. A version's
/// <c>chainFormat</c> says how its <c>chain.txt</c> is built (absent: format 1; 2: with the evidence line; 3: with the WARC
/// captures' digests on it too, see <see cref="HashChain"/>).
/// </summary>
internal sealed record EvidenceManifest(
    string Format,
    string Document,
    string Platform,
    string TermsType,
    DateTimeOffset ExportedAt,
    long FromVersion,
    long ToVersion,
    string ChainFormula,
    string PreviousChainHash,
    EvidenceDeclaration Declaration,
    string TrustAnchors,
    IReadOnlyList<EvidenceVersion> Versions)
{
    /// <summary>2: a BagIt bag, paths under <c>data/</c>, sources with their WARC captures; 1: the flat zip with SHA256SUMS.</summary>
    public const string CurrentFormat = "snapshots-evidence/2";
    public const string FlatFormat = "snapshots-evidence/1";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Readable by a person: "+" and quotes as themselves (the file is never embedded in HTML).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>The document's declaration as tracked now; each version names the fingerprint of the one it was captured with.</summary>
internal sealed record EvidenceDeclaration(string File, string Fingerprint);

internal sealed record EvidenceVersion(
    long Sequence,
    DateTimeOffset CapturedAt,
    string SourceUrl,
    string TextSha256,
    string RawSha256,
    string? PreviousTextSha256,
    string PreviousChainHash,
    string ChainHash,
    string DeclarationFingerprint,
    string Origin,
    string TextFile,
    string ChainFile,
    IReadOnlyList<EvidenceRawFile> Raw,
    EvidenceTimestamp? Timestamp,
    string Citation,
    int? ChainFormat = null);

internal sealed record EvidenceRawFile(string Url, string FinalUrl, string MediaType, string Sha256, string File, string? WarcSha256 = null, string? WarcFile = null);

internal sealed record EvidenceTimestamp(string File, string? Authority, string Signer, string Serial, DateTimeOffset GenTime);
