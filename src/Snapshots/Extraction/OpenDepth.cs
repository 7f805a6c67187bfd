namespace Snapshots.Extraction;

/// <summary>
/// Which tags count towards the open depth of a page while it is tokenized, and which close an earlier one of their name.
/// Void elements never stay open; html, head and body are the frame. An element whose end tag HTML lets authors omit
/// (p, li, td...) is closed by the next one of its name nearby, as the parser does, so a sloppy but ordinary page never
/// looks deep; hundreds of unclosed divs, spans or b do.
/// </summary>
internal static class OpenDepth
{
    /// <summary>How far down the open elements a p, li or td looks for the previous one it closes.</summary>
    public const int AutoCloseReach = 16;

    private static readonly HashSet<string> NotCounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen", "frame",
        "basefont", "bgsound", "html", "head", "body",
    };

    private static readonly HashSet<string> AutoClosing = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp",
    };

    public static bool Counts(string tagName) => !NotCounted.Contains(tagName);

    public static bool ClosesPreviousOfItsName(string tagName) => AutoClosing.Contains(tagName);
}
