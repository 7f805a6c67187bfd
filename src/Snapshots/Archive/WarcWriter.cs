using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Snapshots.Text;

namespace Snapshots.Archive;

/// <summary>
/// Writes WARC/1.1 records (ISO 28500:2017), each its own gzip member so that a reader (and a CDX index) can seek to any one.
/// Digests are <c>sha256:</c> followed by lower-case hex, as webrecorder's warcio writes them by default:
/// <c>WARC-Block-Digest</c> over the whole record block, <c>WARC-Payload-Digest</c> over the HTTP body (the entity as received,
/// before any Content-Encoding is decoded). Record ids are derived from each record's type, target, date and block, so the
/// same capture always gives the same bytes and a capture written twice is one create-only blob.
/// </summary>
internal sealed class WarcWriter
{
    public const string Version = "WARC/1.1";
    private readonly MemoryStream _output;

    /// <param name="expectedBytes">
    /// About how many bytes the compressed records will take: the output starts that large instead of growing from nothing
    /// through a dozen copies (a page's capture is tens of kilobytes; a screenshot more).
    /// </param>
    public WarcWriter(int expectedBytes = 0) => _output = new MemoryStream(Math.Max(0, expectedBytes));

    public static string Digest(ReadOnlySpan<byte> bytes) => "sha256:" + Sha256Hex.Of(bytes);

    /// <summary>Appends one record; returns its WARC-Record-ID.</summary>
    public string Append(string type, string? targetUri, DateTimeOffset date, string contentType, byte[] block,
        string? payloadSha256 = null, IEnumerable<KeyValuePair<string, string>>? fields = null) =>
        Append(type, targetUri, date, contentType, Array.Empty<byte>(), block, payloadSha256, fields);

    /// <summary>
    /// Appends one record whose block is <paramref name="blockHead"/> followed by <paramref name="blockBody"/> (an HTTP head and
    /// the body as received), without copying them into one array: a page's body is large, and every copy of it is one more
    /// large-object allocation. <paramref name="payloadSha256"/> is the SHA-256 (hex) of the record's payload when it has one
    /// (the HTTP body as received): the caller has hashed it already, to check it against the version.
    /// </summary>
    public string Append(string type, string? targetUri, DateTimeOffset date, string contentType, byte[] blockHead, byte[] blockBody,
        string? payloadSha256 = null, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var time = date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        string blockSha;
        using (var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            digest.AppendData(blockHead);
            digest.AppendData(blockBody);
            blockSha = Convert.ToHexStringLower(digest.GetHashAndReset());
        }
        var id = RecordId(type, targetUri, time, blockSha);
        var header = new StringBuilder();
        void Field(string name, string value) => header.Append(name).Append(": ").Append(Line(value)).Append("\r\n");
        header.Append(Version).Append("\r\n");
        Field("WARC-Type", type);
        Field("WARC-Record-ID", id);
        Field("WARC-Date", time);
        if (targetUri is not null) Field("WARC-Target-URI", targetUri);
        foreach (var field in fields ?? []) Field(field.Key, field.Value);
        Field("Content-Type", contentType);
        Field("WARC-Block-Digest", "sha256:" + blockSha);
        if (payloadSha256 is not null) Field("WARC-Payload-Digest", "sha256:" + payloadSha256);
        Field("Content-Length", (blockHead.Length + blockBody.Length).ToString(CultureInfo.InvariantCulture));
        header.Append("\r\n");

        // Fastest: a recorded version writes one WARC of its whole page, and Optimal took about 3 times the CPU (zlib level 6
        // against 1: 3.6 against 1.3 ms for a replay page) for a member about 15% smaller.
        using (var member = new GZipStream(_output, CompressionLevel.Fastest, leaveOpen: true))
        {
            member.Write(Encoding.UTF8.GetBytes(header.ToString()));
            member.Write(blockHead);
            member.Write(blockBody);
            member.Write("\r\n\r\n"u8);
        }
        return id;
    }

    public byte[] ToArray() => _output.ToArray();

    /// <summary>A urn:uuid (version 8, RFC 9562) from the SHA-256 of what the record says.</summary>
    private static string RecordId(string type, string? target, string time, string blockSha)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{type}\n{target}\n{time}\n{blockSha}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        return $"<urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}>";
    }

    /// <summary>A header value on one line: a server's header cannot start a field of its own in the record.</summary>
    private static string Line(string value) => value.Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}
