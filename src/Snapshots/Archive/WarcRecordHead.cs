using System.Text;

namespace Snapshots.Archive;

/// <summary>
/// What a CDXJ line and a page list need from one WARC record: its type, target, date, content type and digests, and for an
/// HTTP response its status and the Content-Type of the HTTP message. Read from the record's bytes (one inflated gzip member,
/// <see cref="WarcRecordOffsets"/>); a record without a <c>WARC/</c> version line or a blank line after its header is refused.
/// </summary>
internal sealed record WarcRecordHead(string Type, string? TargetUri, string Date, string? ContentType, string? PayloadDigest,
    string? BlockDigest, int? HttpStatus, string? HttpContentType)
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    /// <summary>The digest a CDXJ line gives: the payload's, or the block's for a record whose payload is its block (resource, metadata).</summary>
    public string? Digest => PayloadDigest ?? BlockDigest;

    public static WarcRecordHead Parse(byte[] record, long offset)
    {
        var end = record.AsSpan().IndexOf(HeaderEnd);
        if (end < 0 || !record.AsSpan().StartsWith("WARC/"u8))
            throw new InvalidDataException($"the record at byte {offset} is not a WARC record (no WARC/ version line, or no end of header)");
        var fields = Fields(Encoding.UTF8.GetString(record, 0, end).Split("\r\n").Skip(1));
        string? Field(string name) => fields.TryGetValue(name, out var value) ? value : null;
        var type = Field("WARC-Type") ?? throw new InvalidDataException($"the record at byte {offset} has no WARC-Type");
        var date = Field("WARC-Date") ?? throw new InvalidDataException($"the {type} record at byte {offset} has no WARC-Date");
        var contentType = Field("Content-Type");
        int? status = null;
        string? httpContentType = null;
        if (type is "response" && contentType?.StartsWith("application/http", StringComparison.OrdinalIgnoreCase) == true)
        {
            var block = record.AsSpan(end + HeaderEnd.Length);
            var httpEnd = block.IndexOf(HeaderEnd);
            var lines = Encoding.Latin1.GetString(httpEnd < 0 ? block : block[..httpEnd]).Split("\r\n");
            var statusLine = lines[0].Split(' ', 3);
            if (statusLine.Length >= 2 && int.TryParse(statusLine[1], System.Globalization.CultureInfo.InvariantCulture, out var code)) status = code;
            Fields(lines.Skip(1)).TryGetValue("Content-Type", out httpContentType);
        }
        return new WarcRecordHead(type, Field("WARC-Target-URI"), date, contentType, Field("WARC-Payload-Digest"),
            Field("WARC-Block-Digest"), status, httpContentType);
    }

    /// <summary>Named fields (first occurrence wins), continuation lines (starting with a space or tab) folded into the field before.</summary>
    private static Dictionary<string, string> Fields(IEnumerable<string> lines)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in lines)
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                if (last is not null) fields[last] += " " + line.Trim();
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var name = line[..colon].Trim();
            last = fields.TryAdd(name, line[(colon + 1)..].Trim()) ? name : null;
        }
        return fields;
    }
}
