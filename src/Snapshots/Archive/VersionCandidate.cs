using Snapshots.Text;
using Snapshots.Catalog;

namespace Snapshots.Archive;

/// <summary>A text extracted from one check of a document, with the raw bytes it came from, ready to be recorded if it is new.</summary>
public sealed record VersionCandidate(
    DocumentId Document,
    DateTimeOffset CapturedAt,
    string Text,
    IReadOnlyList<CapturedSource> Sources,
    string DeclarationSha256,
    string Origin = "live")
{
    public string TextSha256 { get; } = Sha256Hex.Of(Text);

    /// <summary>One source: its own hash; several: the hash of their ordered hashes.</summary>
    public string RawSha256 => RawHash.Of(Sources.Select(s => s.Sha256).ToList());
}

/// <summary>
/// The raw bytes of one source page as fetched, with their SHA-256 (hashed once, when the page was fetched or read), and for a
/// live fetch the exchange and rendering its WARC capture is written from (none for an import).
/// </summary>
public sealed record CapturedSource(string Url, string FinalUrl, string MediaType, string Extension, byte[] Body, string Sha256)
{
    public Snapshots.Fetching.HttpExchange? Exchange { get; init; }
    public Snapshots.Fetching.RenderedCapture? Rendered { get; init; }

    public CapturedSource(string url, string finalUrl, string mediaType, string extension, byte[] body)
        : this(url, finalUrl, mediaType, extension, body, Sha256Hex.Of(body)) { }
}

internal static class RawHash
{
    public static string Of(IReadOnlyList<string> sourceHashes) =>
        sourceHashes.Count == 1 ? sourceHashes[0] : Sha256Hex.Of(string.Join('\n', sourceHashes));
}
