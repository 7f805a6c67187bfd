using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// CSS queries over a page that report an invalid selector as an <see cref="ExtractionException"/> naming it. Elements are
/// matched one by one in document order with the budget checked between them, so a costly selector (<c>:has</c> on a huge
/// page) is cut at the document's time budget instead of holding the worker.
/// </summary>
internal static class CssQuery
{
    private static readonly CssSelectorParser Parser = new();

    public static IReadOnlyList<IElement> All(IDocument document, string css, Uri url, ExtractionBudget budget)
    {
        var selector = Parse(css, url);
        var matches = new List<IElement>();
        foreach (var element in ElementTree.Descendants(document))
        {
            budget.Tick(url);
            if (selector.Match(element, document.DocumentElement)) matches.Add(element);
        }
        return matches;
    }

    public static IElement? First(IDocument document, string css, Uri url, ExtractionBudget budget)
    {
        var selector = Parse(css, url);
        foreach (var element in ElementTree.Descendants(document))
        {
            budget.Tick(url);
            if (selector.Match(element, document.DocumentElement)) return element;
        }
        return null;
    }

    private static ISelector Parse(string css, Uri url)
    {
        try { return Parser.ParseSelector(css) ?? throw Invalid(css, url); }
        catch (DomException) { throw Invalid(css, url); }
    }

    private static ExtractionException Invalid(string css, Uri url) => new(url, $"\"{css}\" is not a valid CSS selector");
}
