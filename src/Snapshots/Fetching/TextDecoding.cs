using System.Text;
using System.Text.RegularExpressions;

namespace Snapshots.Fetching;

/// <summary>
/// Turns the raw bytes of a page into text, following the HTML encoding sniffing rules (WHATWG): a byte-order mark wins,
/// then the <c>charset</c> of the HTTP Content-Type header, then (for HTML) a <c>&lt;meta charset&gt;</c> or
/// <c>&lt;meta http-equiv="Content-Type"&gt;</c> within the first 1024 bytes, then detection: bytes that are valid UTF-8 are
/// UTF-8, anything else is windows-1252 (the web's legacy default). Labels are those of the Encoding Standard, resolved by
/// AngleSharp's table of them (iso-8859-1, ascii and latin1 are windows-1252; UTF-16 declared in a meta tag is UTF-8).
/// A declared label outside that safe list (UTF-7 and its aliases, UTF-32, EBCDIC, an unknown name) or one that browsers
/// replace instead of decoding (ISO-2022-KR/CN, HZ) is a <see cref="CharsetRefusedException"/> naming it: the page is not
/// decoded at all, rather than decoded as something it did not say.
/// </summary>
internal static partial class TextDecoding
{
    private const int PrescanLength = 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The Encoding Standard's "replacement" labels: browsers show one U+FFFD instead of decoding them (they hide markup).</summary>
    private static readonly HashSet<string> ReplacedLabels = ["replacement", "csiso2022kr", "iso-2022-kr", "iso-2022-cn", "iso-2022-cn-ext", "hz-gb-2312"];

    /// <summary>Code pages never decoded whatever label reaches them: UTF-7, UTF-32, ISO-2022-KR/CN, HZ.</summary>
    private static readonly HashSet<int> RefusedCodePages = [65000, 12000, 12001, 50225, 50227, 50229, 52936];

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string DecodeHtml(byte[] bytes, string? httpCharset = null) =>
        Decode(bytes, () => Known(httpCharset, "in its Content-Type header") ?? Known(DeclaredHtmlCharset(bytes), "in a meta tag", fromMeta: true));

    public static string DecodePlainText(byte[] bytes, string? httpCharset = null) => Decode(bytes, () => Known(httpCharset, "in its Content-Type header"));

    /// <summary>The encoding the rules choose for these bytes (BOM excluded), for tests and diagnostics.</summary>
    public static Encoding Sniff(byte[] bytes, string? httpCharset, bool html) =>
        BomEncoding(bytes, out _) ?? (html
            ? Known(httpCharset, "in its Content-Type header") ?? Known(DeclaredHtmlCharset(bytes), "in a meta tag", fromMeta: true)
            : Known(httpCharset, "in its Content-Type header")) ?? Detect(bytes);

    /// <summary>The bytes as text: a byte-order mark wins (a declared label is then not even looked at), else the declared encoding, else detection.</summary>
    private static string Decode(byte[] bytes, Func<Encoding?> declared)
    {
        var bom = BomEncoding(bytes, out var bomLength);
        if (bom is not null) return bom.GetString(bytes, bomLength, bytes.Length - bomLength);
        return (declared() ?? Detect(bytes)).GetString(bytes);
    }
    private static Encoding Detect(byte[] bytes)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252);
        }
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

    /// <summary>
    /// The encoding a label names, or null when there is no label; a label outside the safe list is refused
    /// (<see cref="CharsetRefusedException"/>), never guessed around.
    /// </summary>
    private static Encoding? Known(string? charset, string declaredIn, bool fromMeta = false)
    {
        if (string.IsNullOrWhiteSpace(charset)) return null;
        var label = charset.Trim().Trim('"', '\'').Trim().ToLowerInvariant();
        if (label.Length == 0) return null;
        if (label is "iso-8859-1" or "iso8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "cp1252" or "windows-1252" or "x-cp1252" or "iso_8859-1")
            return Encoding.GetEncoding(1252);
        if (ReplacedLabels.Contains(label) || !AngleSharp.Text.TextEncoding.IsSupported(label)) throw new CharsetRefusedException(charset.Trim(), declaredIn);
        Encoding encoding;
        try { encoding = AngleSharp.Text.TextEncoding.Resolve(label); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException) { throw new CharsetRefusedException(charset.Trim(), declaredIn); }
        if (RefusedCodePages.Contains(encoding.CodePage)) throw new CharsetRefusedException(charset.Trim(), declaredIn);
        // As browsers do (WHATWG encoding standard): a page declaring UTF-16 in a meta tag is decoded as UTF-8.
        return fromMeta && encoding is UnicodeEncoding ? new UTF8Encoding(false) : encoding;
    }

    [GeneratedRegex("""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*(?<charset>[A-Za-z0-9_:.\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}
