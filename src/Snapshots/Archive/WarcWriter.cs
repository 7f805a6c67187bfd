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
    private readonly MemoryStream _output = new();

    public static string Digest(ReadOnlySpan<byte> bytes) => "sha256:" + Sha256Hex.Of(bytes);

    /// <summary>Appends one record; returns its WARC-Record-ID.</summary>
    public string Append(string type, string? targetUri, DateTimeOffset date, string contentType, byte[] block,
        byte[]? payload = null, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var time = date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var id = RecordId(type, targetUri, time, block);
        var header = new StringBuilder();
        void Field(string name, string value) => header.Append(name).Append(": ").Append(Line(value)).Append("\r\n");
        header.Append(Version).Append("\r\n");
        Field("WARC-Type", type);
        Field("WARC-Record-ID", id);
        Field("WARC-Date", time);
        if (targetUri is not null) Field("WARC-Target-URI", targetUri);
        foreach (var field in fields ?? []) Field(field.Key, field.Value);
        Field("Content-Type", contentType);
        Field("WARC-Block-Digest", Digest(block));
        if (payload is not null) Field("WARC-Payload-Digest", Digest(payload));
        Field("Content-Length", block.Length.ToString(CultureInfo.InvariantCulture));
        header.Append("\r\n");

        using (var member = new GZipStream(_output, CompressionLevel.Optimal, leaveOpen: true))
        {
            member.Write(Encoding.UTF8.GetBytes(header.ToString()));
            member.Write(block);
            member.Write("\r\n\r\n"u8);
        }
        return id;
    }

    public byte[] ToArray() => _output.ToArray();

    /// <summary>A urn:uuid (version 8, RFC 9562) from the SHA-256 of what the record says.</summary>
    private static string RecordId(string type, string? target, string time, byte[] block)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{type}\n{target}\n{time}\n{Sha256Hex.Of(block)}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        return $"<urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}>";
    }

    /// <summary>A header value on one line: a server's header cannot start a field of its own in the record.</summary>
    private static string Line(string value) => value.Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}
