using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// The content of an Open Terms Archive range selector: the nodes in document order from the start boundary to the
/// end boundary. "Before" puts the boundary before the named element (so a start-before includes it and an end-before
/// excludes it); "After" puts it after the element's subtree. Boundaries are the first element each CSS selector
/// matches. As in DOM ranges, an element that lies only partly inside is kept as a shallow copy holding the part inside.
/// </summary>
internal sealed class DocumentRange
{
    private readonly IDocument _document;
    private readonly NodeOrder _order;

    public int Start { get; }
    public int End { get; }

    private DocumentRange(IDocument document, NodeOrder order, int start, int end)
    {
        _document = document;
        _order = order;
        Start = start;
        End = end;
    }

    /// <summary>Resolves a range selector; throws <see cref="ExtractionException"/> when a boundary matches nothing or the end precedes the start.</summary>
    public static DocumentRange Resolve(IDocument document, NodeOrder order, RangeSelectorBoundaries range, Uri url, ExtractionBudget budget)
    {
        var start = range.StartIsBefore
            ? order.Start(Boundary(document, range.StartCss, range, "start", url, budget))
            : order.End(Boundary(document, range.StartCss, range, "start", url, budget));
        var end = range.EndIsBefore
            ? order.Start(Boundary(document, range.EndCss, range, "end", url, budget))
            : order.End(Boundary(document, range.EndCss, range, "end", url, budget));
        if (end <= start) throw new ExtractionException(url, $"range {range} is empty: its end comes before its start");
        return new DocumentRange(document, order, start, end);
    }

    /// <summary>A copy of the range's content: one root per top-level node that is at least partly inside.</summary>
    public IReadOnlyList<INode> CloneContents()
    {
        var roots = new List<INode>();
        foreach (var child in _document.ChildNodes)
        {
            var clone = CloneInside(child);
            if (clone is not null) roots.Add(clone);
        }
        return roots;
    }

    /// <summary>The largest nodes lying wholly inside the range: removing them deletes the range's content.</summary>
    public IReadOnlyList<INode> WhollyContainedNodes()
    {
        var nodes = new List<INode>();
        Collect(_document, nodes);
        return nodes;
    }

    private bool IsWhollyInside(INode node) => _order.Start(node) >= Start && _order.End(node) <= End;

    private bool Intersects(INode node) => _order.Start(node) < End && _order.End(node) > Start;

    private INode? CloneInside(INode node)
    {
        if (IsWhollyInside(node)) return node.Clone(deep: true);
        if (!Intersects(node)) return null;
        var shell = node.Clone(deep: false);
        foreach (var child in node.ChildNodes)
        {
            var clone = CloneInside(child);
            if (clone is not null) shell.AppendChild(clone);
        }
        return shell;
    }

    private void Collect(INode node, List<INode> into)
    {
        if (IsWhollyInside(node)) { into.Add(node); return; }
        if (!Intersects(node)) return;
        foreach (var child in node.ChildNodes) Collect(child, into);
    }

    private static IElement Boundary(IDocument document, string css, RangeSelectorBoundaries range, string which, Uri url, ExtractionBudget budget) =>
        CssQuery.First(document, css, url, budget) ?? throw new ExtractionException(url, $"range {range}: {which} \"{css}\" matched nothing");
}
