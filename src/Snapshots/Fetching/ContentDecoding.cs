using System.IO.Compression;
using System.Net.Http.Headers;

namespace Snapshots.Fetching;

/// <summary>
/// The body's one content encoding, decoded by Snapshots rather than by the HTTP handler, so that what is decoded is what was
/// asked for and counted: <c>gzip</c> (and <c>x-gzip</c>), <c>br</c>, and <c>deflate</c> (zlib, as HTTP defines it); <c>identity</c>
/// is no encoding. Stacked encodings (<c>gzip, gzip</c>, <c>br, gzip</c>: a compression bomb inside another) and encodings
/// Snapshots did not ask for (<c>compress</c>, <c>zstd</c>...) are refused, never stored as the page. The decoded bytes are what
/// the body limit (Fetch:MaxBodyBytes) counts, so one budget bounds the page whatever the ratio.
/// </summary>
internal static class ContentDecoding
{
    /// <summary>What <see cref="PageFetcher"/> asks for; deflate is decoded if sent, but not asked for (servers disagree on its format).</summary>
    public const string AcceptEncoding = "gzip, br";

    /// <summary>The encodings the header lists, in the order they were applied, without <c>identity</c>, lower case.</summary>
    public static IReadOnlyList<string> Of(HttpContentHeaders headers)
    {
        if (!headers.NonValidated.TryGetValues("Content-Encoding", out var values)) return [];
        return values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(c => c.ToLowerInvariant())
            .Where(c => c != "identity")
            .ToList();
    }

    /// <summary>Why these encodings are refused, or null when the body can be decoded (none, or one that Snapshots decodes).</summary>
    public static string? Refusal(IReadOnlyList<string> codings) => codings.Count switch
    {
        0 => null,
        1 when codings[0] is "gzip" or "x-gzip" or "br" or "deflate" => null,
        1 => $"Content-Encoding {Quoted(codings)} is not an encoding Snapshots asked for or decodes (gzip, br, deflate)",
        _ => $"Content-Encoding {Quoted(codings)}: the body is encoded {codings.Count} times; Snapshots decodes one layer and refuses stacked encodings, where a compression bomb can hide inside another",
    };

    /// <summary>The decoded body: <paramref name="wire"/> itself when there is no encoding. Call only when <see cref="Refusal"/> is null.</summary>
    public static Stream Decode(Stream wire, IReadOnlyList<string> codings) => codings.Count == 0 ? wire : codings[0] switch
    {
        "gzip" or "x-gzip" => new GZipStream(wire, CompressionMode.Decompress),
        "br" => new BrotliStream(wire, CompressionMode.Decompress),
        "deflate" => new ZLibStream(wire, CompressionMode.Decompress),
        _ => throw new InvalidOperationException($"Content-Encoding {codings[0]} is refused, not decoded"),
    };

    /// <summary>The encoding as a reason names it: "gzip", "deflate (zlib)"...</summary>
    public static string Name(IReadOnlyList<string> codings) => codings.Count == 0 ? "" : codings[0] == "deflate" ? "deflate (zlib)" : codings[0];

    private static string Quoted(IReadOnlyList<string> codings) => ResponseFields.Quoted(string.Join(", ", codings));
}
