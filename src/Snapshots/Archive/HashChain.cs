using Snapshots.Text;
using System.Globalization;

namespace Snapshots.Archive;

/// <summary>
/// The tamper-evident chain over a document's versions. Each row says which format its link uses
/// (<see cref="VersionRecord.ChainFormat"/>; none means format 1):
/// <list type="bullet">
/// <item>format 1 (rows written before evidence was bound): chain(n) = SHA-256( chain(n-1) + "\n" + textSha256(n) + "\n" +
/// capturedAt(n) as yyyy-MM-ddTHH:mm:ss.fffZ ), with chain(0) = 64 zeros;</item>
/// <item>format 2: the same three lines, then "\n" + <see cref="ChainEvidence"/>'s line: "snapshots-chain/2 " and one line of
/// JSON holding every other evidence field of the row (sequence, previous text, text blob, raw hash, every source's URLs,
/// media type, hash and blob, declaration, origin, whether a timestamp was requested).</item>
/// <item>format 3: format 2 with the marker "snapshots-chain/3 ", whose sources also carry the SHA-256 and blob of their WARC
/// capture (request, response with headers and the body as received, TLS metadata, rendered DOM and screenshot): the raw and
/// the WARC digests are both on the link.</item>
/// </list>
/// Changing, removing or reordering any version, or any evidence field of a format-2 row, breaks its link and every later one.
/// A row cannot go back to format 1 once its document used format 2 (<see cref="ArchiveVerifier"/> names it).
/// </summary>
public static class HashChain
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>The format of rows that do not say (written before formats were numbered).</summary>
    public const int FirstFormat = 1;

    /// <summary>The format new rows are written with: the row's evidence fields, its WARC captures' digests included, are on the chain.</summary>
    public const int CurrentFormat = 3;

    /// <summary>A format-1 link (kept so that rows written before format 2 verify as they were written).</summary>
    public static string Next(string previousChainHash, string textSha256, DateTimeOffset capturedAt) =>
        Sha256Hex.Of(Input(previousChainHash, textSha256, capturedAt));

    /// <summary>The first three lines of every format (the whole input of format 1), no final newline.</summary>
    public static string Input(string previousChainHash, string textSha256, DateTimeOffset capturedAt) =>
        $"{previousChainHash}\n{textSha256}\n{FormatTime(capturedAt)}";

    /// <summary>The row's format: its <see cref="VersionRecord.ChainFormat"/>, or 1 when it has none.</summary>
    public static int FormatOf(VersionRecord version) => version.ChainFormat ?? FirstFormat;

    /// <summary>The exact bytes (as text) whose SHA-256 is the row's chain hash, in the row's own format; null for a format this code does not know.</summary>
    public static string? InputOf(VersionRecord version) => FormatOf(version) switch
    {
        FirstFormat => Input(version.PreviousChainHash, version.TextSha256, version.CapturedAt),
        2 or 3 => Input(version.PreviousChainHash, version.TextSha256, version.CapturedAt) + "\n" + ChainEvidence.Of(version).Line(FormatOf(version)),
        _ => null,
    };

    /// <summary>The chain hash the row's fields give in its own format; null for an unknown format.</summary>
    public static string? Of(VersionRecord version) => InputOf(version) is { } input ? Sha256Hex.Of(input) : null;

    /// <summary>Capture times are kept to the millisecond so that they survive Table storage unchanged.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    public static string FormatTime(DateTimeOffset time) =>
        Truncate(time).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
