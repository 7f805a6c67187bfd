using System.Text;
using System.Text.RegularExpressions;

namespace Snapshots.Fetching;

/// <summary>
/// Turns the raw bytes of a page into text: a byte-order mark wins, then (for HTML) the charset declared in a
/// <c>&lt;meta charset&gt;</c> or <c>&lt;meta http-equiv="Content-Type"&gt;</c> within the first 1024 bytes, then UTF-8.
/// Unknown charsets fall back to UTF-8; undecodable bytes become U+FFFD (never an exception).
/// </summary>
internal static partial class TextDecoding
{
    private const int PrescanLength = 1024;

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string DecodeHtml(byte[] bytes) => Decode(bytes, DeclaredHtmlCharset(bytes));

    public static string DecodePlainText(byte[] bytes) => Decode(bytes, declared: null);

    private static string Decode(byte[] bytes, string? declared)
    {
        var bom = BomEncoding(bytes, out var bomLength);
        if (bom is not null) return bom.GetString(bytes, bomLength, bytes.Length - bomLength);
        return EncodingNamed(declared).GetString(bytes);
    }

    private static Encoding? BomEncoding(byte[] b, out int length)
    {
        length = 0;
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) { length = 3; return new UTF8Encoding(false); }
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE) { length = 2; return Encoding.Unicode; }
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF) { length = 2; return Encoding.BigEndianUnicode; }
        return null;
    }

    private static string? DeclaredHtmlCharset(byte[] bytes)
    {
        var head = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, PrescanLength));
        var match = MetaCharset().Match(head);
        return match.Success ? match.Groups["charset"].Value : null;
    }

    private static Encoding EncodingNamed(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset)) return new UTF8Encoding(false);
        try
        {
            var encoding = Encoding.GetEncoding(charset.Trim());
            // As browsers do (WHATWG encoding standard): a page declaring UTF-16 in a meta tag is decoded as UTF-8.
            return encoding is UnicodeEncoding ? new UTF8Encoding(false) : encoding;
        }
        catch (ArgumentException)
        {
            return new UTF8Encoding(false);
        }
    }

    [GeneratedRegex("""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*(?<charset>[A-Za-z0-9_:.\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}
