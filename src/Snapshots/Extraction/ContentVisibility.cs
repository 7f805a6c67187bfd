using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// Which elements never count as document text:
/// <list type="bullet">
/// <item>non-text machinery: script, style, noscript, template, svg, iframe, object, embed, canvas, audio, video,
/// head, and form controls (button, input, select, textarea);</item>
/// <item>elements with the <c>hidden</c> attribute (except <c>hidden="until-found"</c>, whose text the browser finds and shows);</item>
/// <item>elements with <c>aria-hidden="true"</c> that hold no paragraph-level content: icons, "¶"/"#" anchor glyphs,
/// visually duplicated labels. An aria-hidden element that holds paragraphs, lists, headings or tables is kept,
/// because sites mark collapsed accordions and closed panels that way while their text is part of the document.</item>
/// </list>
/// A selected element itself is never dropped for being hidden or aria-hidden: the declaration names it as the
/// document (a page may hide its whole article behind a consent modal), so only the non-text rule applies to it.
/// Inline <c>style="display:none"</c> is not looked at: styles are too often toggled by scripts to be a reliable signal.
/// </summary>
internal static class ContentVisibility
{
    private static readonly HashSet<string> NonText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "audio", "video", "head",
        "button", "input", "select", "textarea",
    };

    private const string ParagraphContent = "p, li, dt, dd, h1, h2, h3, h4, h5, h6, table, blockquote, pre";

    public static bool IsDropped(IElement element, bool isSelectedRoot)
    {
        if (NonText.Contains(element.LocalName)) return true;
        if (isSelectedRoot) return false;
        var hidden = element.GetAttribute("hidden");
        if (hidden is not null && !hidden.Equals("until-found", StringComparison.OrdinalIgnoreCase)) return true;
        return string.Equals(element.GetAttribute("aria-hidden")?.Trim(), "true", StringComparison.OrdinalIgnoreCase)
            && element.QuerySelector(ParagraphContent) is null;
    }
}
