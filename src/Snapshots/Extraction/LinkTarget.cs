using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// How a link is written into the text. Links to other pages become <c>[text](normalized url)</c>. Links that only
/// move within the page (empty or fragment-only hrefs, or the page's own URL with a fragment: tables of contents,
/// "back to top") are navigation whose fragment ids are often generated, so only their text is kept; a heading anchor
/// (such a link whose text is empty or only "#", "¶", "§" or "🔗") is dropped whole. Script and data links keep only their text.
/// </summary>
internal sealed class LinkTarget
{
    private static readonly HashSet<string> AnchorGlyphs = ["#", "¶", "§", "🔗", "🔗\uFE0F"];

    private readonly Uri _base;
    private readonly string _page;

    public LinkTarget(Uri pageUrl, IDocument? document)
    {
        _page = WithoutFragment(LinkNormalizer.Normalize(pageUrl));
        var declaredBase = document?.QuerySelector("base[href]")?.GetAttribute("href");
        _base = declaredBase is not null && Uri.TryCreate(pageUrl, declaredBase.Trim(), out var resolved) ? resolved : pageUrl;
    }

    /// <summary>The normalized absolute URL a link should be written with, or null when only its text is kept.</summary>
    public string? UrlOf(IElement link)
    {
        var href = link.GetAttribute("href")?.Trim();
        if (string.IsNullOrEmpty(href) || href.StartsWith('#')) return null;
        if (!Uri.TryCreate(_base, href, out var url)) return null;
        if (url.Scheme is "javascript" or "data" or "about" or "blob") return null;
        var normalized = LinkNormalizer.Normalize(url);
        return WithoutFragment(normalized) == _page ? null : normalized;
    }

    /// <summary>True for a same-page link whose text is only an anchor glyph (or nothing): decoration, not text.</summary>
    public static bool IsAnchorGlyph(string foldedText) => foldedText.Length == 0 || AnchorGlyphs.Contains(foldedText);

    private static string WithoutFragment(string url)
    {
        var hash = url.IndexOf('#');
        return hash < 0 ? url : url[..hash];
    }
}
