using System.Net.Http.Headers;
using Snapshots.Text;

namespace Snapshots.Fetching;

/// <summary>
/// What a response may put into a row or a message, bounded and checked first: a server controls every header, and a
/// 40,000-character ETag or an escape sequence in a reason phrase must neither break the write of a document row nor reach
/// a terminal. A validator that is too long or not well-formed is dropped (the next fetch is simply not conditional).
/// </summary>
internal static class ResponseFields
{
    /// <summary>Longest ETag kept for conditional requests (real ones are under 100 characters).</summary>
    public const int MaxETagLength = 256;

    /// <summary>Longest reason phrase, content type or title quoted in an error.</summary>
    public const int MaxQuotedLength = 120;

    /// <summary>Longest redirect target followed (and stored as a version's final URL).</summary>
    public const int MaxUrlLength = 4096;

    /// <summary>The ETag when it is short and well-formed (<c>"..."</c> or <c>W/"..."</c>, visible ASCII inside), else null.</summary>
    public static string? ETag(string? etag)
    {
        if (string.IsNullOrEmpty(etag) || etag.Length > MaxETagLength) return null;
        var opaque = etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag;
        if (opaque.Length < 2 || opaque[0] != '"' || opaque[^1] != '"') return null;
        foreach (var c in opaque.AsSpan(1, opaque.Length - 2))
            if (c is < '\u0021' or '"' or > '\u007E') return null;
        return etag;
    }

    /// <summary>A reason phrase, media type or page title fit to quote in an error: one line, visible characters, bounded.</summary>
    public static string Quoted(string? text) => VisibleText.Bounded(text?.Trim(), MaxQuotedLength);

    /// <summary>The charset parameter of a Content-Type header (e.g. "windows-1252"), or null when absent or malformed.</summary>
    public static string? Charset(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType) || contentType.Length > 1024) return null;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)) return null;
        var charset = parsed.CharSet?.Trim().Trim('"');
        return string.IsNullOrEmpty(charset) || charset.Length > 40 || VisibleText.HasControlCharacters(charset, keepLineBreaks: false) ? null : charset;
    }
}
