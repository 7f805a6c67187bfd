namespace Snapshots.Fetching;

/// <summary>
/// Turns a Content-Type header into one of the <see cref="MediaTypes"/> constants, and recognizes
/// HTML and PDF bodies served without a usable content type.
/// </summary>
internal static class MediaTypeDetector
{
    /// <summary>What a Content-Type header says about a body.</summary>
    public enum Verdict { Supported, Unsupported, Unknown }

    /// <summary>
    /// Reads a Content-Type header value ("Text/HTML; charset=utf-8" → <see cref="MediaTypes.Html"/>).
    /// Unknown means the header is missing or generic (application/octet-stream): look at the body.
    /// </summary>
    public static Verdict FromHeader(string? contentType, out string mediaType)
    {
        var essence = Essence(contentType);
        mediaType = essence switch
        {
            "application/x-pdf" => MediaTypes.Pdf,
            "text/xhtml" => MediaTypes.Xhtml,
            _ => essence,
        };
        if (mediaType.Length == 0 || mediaType is "application/octet-stream" or "binary/octet-stream")
            return Verdict.Unknown;
        return MediaTypes.IsSupported(mediaType) ? Verdict.Supported : Verdict.Unsupported;
    }

    /// <summary>The media type of a body from its first bytes: "%PDF-" is PDF, a leading '&lt;' is HTML; otherwise null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith("%PDF-"u8)) return MediaTypes.Pdf;
        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        var start = body.IndexOfAnyExcept(" \t\r\n\f"u8);
        return start >= 0 && body[start] == (byte)'<' ? MediaTypes.Html : null;
    }

    /// <summary>True for bytes that start like a gzip stream (1F 8B 08): no HTML or text page does, a compressed body does.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> body) => body.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B, 0x08]);

    private static string Essence(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return "";
        var semicolon = contentType.IndexOf(';');
        var essence = semicolon >= 0 ? contentType[..semicolon] : contentType;
        return essence.Trim().ToLowerInvariant();
    }
}
