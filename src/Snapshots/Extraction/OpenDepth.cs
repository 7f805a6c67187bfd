namespace Snapshots.Extraction;

/// <summary>
/// Which tags count towards the open depth of a page while it is tokenized: those that stay open until their end tag.
/// Void elements and elements whose end tag HTML lets authors omit (p, li, td...) are not counted, so a sloppy but
/// ordinary page never looks deep; hundreds of unclosed divs, spans or b do.
/// </summary>
internal static class OpenDepth
{
    private static readonly HashSet<string> NotCounted = new(StringComparer.OrdinalIgnoreCase)
    {
        // void elements
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen", "frame", "basefont", "bgsound",
        // optional end tags
        "html", "head", "body", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp",
    };

    public static bool Counts(string tagName) => !NotCounted.Contains(tagName);
}
