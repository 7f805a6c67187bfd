using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>CSS queries over a page that report an invalid selector as an <see cref="ExtractionException"/> naming it.</summary>
internal static class CssQuery
{
    public static IReadOnlyList<IElement> All(IDocument document, string css, Uri url)
    {
        try { return document.QuerySelectorAll(css).ToList(); }
        catch (DomException) { throw Invalid(css, url); }
    }

    public static IElement? First(IDocument document, string css, Uri url)
    {
        try { return document.QuerySelector(css); }
        catch (DomException) { throw Invalid(css, url); }
    }

    private static ExtractionException Invalid(string css, Uri url) => new(url, $"\"{css}\" is not a valid CSS selector");
}
