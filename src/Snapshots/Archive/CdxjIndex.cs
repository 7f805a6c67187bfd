using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Snapshots.Archive;

/// <summary>
/// The CDXJ index of a WACZ (<c>indexes/index.cdxj</c>), one line per replayable record as pywb and ReplayWeb.page read it:
/// SURT key (<see cref="SurtKey"/>), the 14-digit UTC timestamp of the record's WARC-Date, then one line of JSON with
/// <c>url</c>, <c>mime</c>, <c>status</c> (HTTP responses only), <c>digest</c> (the payload digest as written, <c>sha256:</c>
/// hex; a resource's block digest), and the <c>length</c>, <c>offset</c> (of its gzip member) and <c>filename</c> a reader seeks
/// with. Lines are sorted by byte, as a binary search expects.
/// <para>
/// Which records: every <c>response</c> and <c>resource</c> record (the rendered DOM and screenshot under their
/// <c>urn:dom:</c>/<c>urn:screenshot:</c> targets). A <c>metadata</c> or <c>resource</c> record of <c>application/warc-fields</c>
/// (the TLS details) is left out, as webrecorder's indexers (cdxj-indexer, warcio) leave it out: it has the page's URL and time,
/// and a replay tool keyed by URL and time (ReplayWeb.page keeps one entry per URL and time) would serve it in place of the
/// page. It stays in the WARC, linked to its response by WARC-Concurrent-To.
/// </para>
/// </summary>
internal static class CdxjIndex
{
    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool Indexes(WarcRecordHead record) => record.TargetUri is not null && record.Type switch
    {
        "response" or "revisit" => true,
        "resource" or "metadata" => !MimeOf(record.ContentType).Equals("application/warc-fields", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>The 14-digit timestamp (yyyyMMddHHmmss) of a WARC-Date.</summary>
    public static string Timestamp(string warcDate)
    {
        var digits = new string([.. warcDate.Where(char.IsAsciiDigit)]);
        if (digits.Length < 14) throw new InvalidDataException($"WARC-Date {warcDate} is not a date and time to the second");
        return digits[..14];
    }

    public static string Line(WarcRecordHead record, long offset, long length, string filename)
    {
        var url = record.TargetUri ?? throw new ArgumentException("a record without a target is not indexed", nameof(record));
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Json))
        {
            json.WriteStartObject();
            json.WriteString("url", url);
            json.WriteString("mime", MimeOf(record.Type == "response" ? record.HttpContentType ?? "unk" : record.ContentType));
            if (record.HttpStatus is { } status) json.WriteString("status", status.ToString(CultureInfo.InvariantCulture));
            if (record.Digest is { } digest) json.WriteString("digest", digest);
            json.WriteString("length", length.ToString(CultureInfo.InvariantCulture));
            json.WriteString("offset", offset.ToString(CultureInfo.InvariantCulture));
            json.WriteString("filename", filename);
            json.WriteEndObject();
        }
        return $"{SurtKey.Of(url)} {Timestamp(record.Date)} {Encoding.UTF8.GetString(buffer.ToArray())}";
    }

    /// <summary>The lines sorted by byte, each ending in a newline.</summary>
    public static byte[] Render(IEnumerable<string> lines) =>
        Encoding.UTF8.GetBytes(string.Concat(lines.Select(Encoding.UTF8.GetBytes).Order(ByteOrder.Instance).Select(l => Encoding.UTF8.GetString(l) + "\n")));

    private static string MimeOf(string? contentType) => (contentType ?? "").Split(';', 2)[0].Trim();

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
