using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Snapshots.Catalog;

namespace Snapshots.Extraction;

/// <summary>
/// Cuts the declared document out of a parsed page, as Open Terms Archive does: first every <c>remove</c> selector
/// (CSS and range, all resolved on the untouched page, then removed together), then the union of every
/// <c>select</c> selector in document order. A selected element or range lying inside another selected one is not
/// repeated; the order of selectors in the declaration does not matter. Besides the content, says which elements the
/// selectors matched and which roots they name explicitly (<see cref="SelectedContent"/>), for the site chrome rules.
/// </summary>
internal static partial class DeclaredContent
{
    /// <param name="removed">When given, receives the text of each element the declaration's <c>remove</c> took out.</param>
    public static SelectedContent Cut(IDocument document, SourceDeclaration source, Uri url, ExtractionBudget budget, List<DroppedBlock>? removed = null)
    {
        RemoveAll(document, source.Remove, url, budget, removed);
        var selected = SelectAll(document, source.Select, url, budget);
        selected.CheckWithin(budget, url);
        return selected;
    }

    private static void RemoveAll(IDocument document, IReadOnlyList<ContentSelector> remove, Uri url, ExtractionBudget budget, List<DroppedBlock>? removed)
    {
        if (remove.Count == 0) return;
        // Numbering every node is needed only to resolve range selectors.
        var order = remove.Any(r => r is RangeSelector) ? new NodeOrder(document) : null;
        var doomed = new List<INode>();
        foreach (var selector in remove)
        {
            IReadOnlyList<INode> nodes = selector switch
            {
                CssSelector css => CssQuery.All(document, css.Css, url, budget),
                RangeSelector range => DocumentRange.Resolve(document, order!, RangeSelectorBoundaries.From(range, url), url, budget).WhollyContainedNodes(),
                _ => throw new ExtractionException(url, $"remove: unsupported selector {selector}"),
            };
            doomed.AddRange(nodes);
            removed?.AddRange(nodes.Select(n => SiteChrome.OneLine(n.TextContent)).Where(t => t.Length > 0)
                .Select(t => new DroppedBlock($"remove {selector}", "the declaration removes it", t)));
        }
        foreach (var node in doomed) node.Parent?.RemoveChild(node);
    }

    private static SelectedContent SelectAll(IDocument document, IReadOnlyList<ContentSelector> select, Uri url, ExtractionBudget budget)
    {
        if (select.Count == 0) return SelectedContent.Of(document.Body is { } body ? [body] : [document.DocumentElement]);
        // Numbering every node is needed only to resolve range selectors and to order several pieces; one selector matching
        // one element (the usual declaration) needs neither.
        IReadOnlyList<IElement>? onlyMatches = null;
        if (select is [CssSelector only])
        {
            onlyMatches = CssQuery.All(document, only.Css, url, budget);
            if (onlyMatches.Count == 0) throw NothingMatched(only, url);
            if (onlyMatches.Count == 1) return new SelectedContent([onlyMatches[0]], new HashSet<IElement>(onlyMatches), new HashSet<INode>(onlyMatches));
        }
        var order = new NodeOrder(document);
        var pieces = new List<Piece>();
        var matched = new HashSet<IElement>();
        var named = new HashSet<INode>();
        foreach (var selector in select)
        {
            switch (selector)
            {
                case CssSelector css:
                    var matches = onlyMatches ?? CssQuery.All(document, css.Css, url, budget);
                    if (matches.Count == 0) throw NothingMatched(css, url);
                    matched.UnionWith(matches);
                    if (matches.Count == 1 || NamesALandmark(css.Css)) named.UnionWith(matches);
                    pieces.AddRange(matches.Select(e => new Piece(order.Start(e), order.End(e), () => [e])));
                    break;
                case RangeSelector range:
                    var resolved = DocumentRange.Resolve(document, order, RangeSelectorBoundaries.From(range, url), url, budget);
                    pieces.Add(new Piece(resolved.Start, resolved.End, () =>
                    {
                        var content = resolved.CloneContents();
                        named.UnionWith(content);
                        return content;
                    }));
                    break;
                default:
                    throw new ExtractionException(url, $"select: unsupported selector {selector}");
            }
        }
        var nodes = Outermost(pieces).SelectMany(piece => piece.Content()).ToList();
        return new SelectedContent(nodes, matched, named);
    }

    /// <summary>A selector that says what it takes from the site's navigation: a landmark element, role, or a name containing one.</summary>
    private static bool NamesALandmark(string css) => Landmark().IsMatch(css);

    [GeneratedRegex(@"nav|header|footer|menu|banner|contentinfo|sidebar|aside", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Landmark();

    private static ExtractionException NothingMatched(CssSelector css, Uri url) => new(url, $"select \"{css.Css}\" matched nothing");

    /// <summary>Pieces in document order, without those lying wholly inside an earlier (or the same) piece.</summary>
    private static IEnumerable<Piece> Outermost(List<Piece> pieces)
    {
        var reach = int.MinValue;
        foreach (var piece in pieces.OrderBy(p => p.Start).ThenByDescending(p => p.End))
        {
            if (piece.End <= reach) continue;
            reach = piece.End;
            yield return piece;
        }
    }

    private sealed record Piece(int Start, int End, Func<IReadOnlyList<INode>> Content);
}
