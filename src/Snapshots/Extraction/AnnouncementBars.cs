using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// Finds announcement and promotion bars above the document: blocks of at most <see cref="MaxWords"/> words holding a link to
/// another page ("X is now live! Read more", "Try Y in Z"), that come before the document starts, that is before both its
/// first heading and its first prose block. Only when the selection has a heading (a document without headings keeps its
/// short opening lines), and never a block with a date ("Effective 1 June 2026 (previous version)"), a heading or an
/// element a selector matched. Likewise a lone link within the page there ("Skip to main content"). Pure: finds, does not remove.
/// </summary>
internal static class AnnouncementBars
{
    public const int MaxWords = 25;

    public static List<(IElement Element, SiteChromeRules.Rule Rule)> Find(SelectedContent selection, ContentMeasure measure)
    {
        if (DocumentStart(selection, measure) is not { } start) return [];
        var found = new List<(IElement, SiteChromeRules.Rule)>();
        ChromeSearch.TopDown(selection, withRoots: false, element =>
        {
            if (element == start || element.Contains(start)) return ChromeVerdict.Descend;
            if (!Precedes(element, start)) return ChromeVerdict.Keep;
            if (!selection.CanLeaveOut(element)) return ChromeVerdict.Descend;
            var m = measure.Of(element);
            if (m.Words == 0) return ChromeVerdict.Keep;
            if (m.Words > MaxWords) return ChromeVerdict.Descend;
            if (m.HasDate || m.ProseWords > 0 || m.Headings > 0) return ChromeVerdict.Keep;
            if (m.OtherPageLinks > 0) found.Add((element, StructuralChromeRules.AnnouncementBar));
            else if (IsSkipLink(m)) found.Add((element, StructuralChromeRules.SkipLink));
            else return ChromeVerdict.Keep;
            return ChromeVerdict.Drop;
        });
        return found;
    }

    /// <summary>One link within the page and nothing else, of a few words: "Skip to main content" (a table of contents has several).</summary>
    private static bool IsSkipLink(ContentMeasure.Measure m) => m.SamePageLinks == 1 && m.OtherPageLinks == 0 && m.Words <= 6 && m.LinkWords == m.Words;

    /// <summary>The first heading (with text, its own or a link's) or prose block of the selection, in document order; null when it has no heading.</summary>
    private static IElement? DocumentStart(SelectedContent selection, ContentMeasure measure)
    {
        if (measure.Total.Headings == 0) return null;
        IElement? start = null;
        ChromeSearch.TopDown(selection, withRoots: true, element =>
        {
            if (start is not null) return ChromeVerdict.Keep;
            var m = measure.Of(element);
            if (m.Headings == 0 && m.ProseWords == 0) return ChromeVerdict.Keep;
            if (element.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6" || measure.IsProseBlock(element)) start = element;
            return ChromeVerdict.Descend;
        });
        return start;
    }

    private static bool Precedes(IElement element, IElement start) =>
        element.CompareDocumentPosition(start).HasFlag(DocumentPositions.Following);
}
