using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// What a declaration's <c>select</c> cut out of a page: the content roots in document order (elements of the page, or
/// fragments copied out of it by range selectors), every element a CSS <c>select</c> selector matched (nested matches
/// included: a declaration that selects <c>body</c> and <c>footer</c> names the footer), and the roots it names explicitly.
/// Site chrome (<see cref="SiteChrome"/>) never removes a matched element or an element holding one; a root is left out
/// only when a broad selector matched it (<see cref="IsNamed"/>) and it is plainly the site's (its navigation).
/// </summary>
internal sealed class SelectedContent(IReadOnlyList<INode> nodes, IReadOnlySet<IElement> matched, IReadOnlySet<INode> named)
{
    public static SelectedContent Of(IReadOnlyList<INode> nodes) => new(nodes, new HashSet<IElement>(), new HashSet<INode>(nodes));

    private readonly List<INode> _nodes = [.. nodes];

    /// <summary>The content roots left, in document order.</summary>
    public IReadOnlyList<INode> Nodes => _nodes;

    /// <summary>Every element a CSS <c>select</c> selector matched, roots and nested ones.</summary>
    public IReadOnlySet<IElement> Matched { get; } = matched;

    /// <summary>
    /// A root the declaration names explicitly: matched by a selector that matched nothing else, or whose text names a
    /// landmark (<c>nav</c>, <c>header</c>, <c>footer</c>, <c>menu</c>, a navigation, banner or contentinfo role), or cut by
    /// a range selector. A root matched by a broad selector (a class every page container has) is not named.
    /// </summary>
    public bool IsNamed(INode root) => named.Contains(root);

    public bool IsRoot(INode node) => _roots.Contains(node);

    private ExtractionBudget? _budget;
    private Uri? _url;

    /// <summary>Has the walks over this content (<see cref="Tick"/>) check the budget of the extraction of the page at <paramref name="url"/>.</summary>
    public void CheckWithin(ExtractionBudget budget, Uri url) => (_budget, _url) = (budget, url);

    /// <summary>Checks the budget's time and cancellation every so many calls (none outside an extraction): each step of a walk over the content calls it.</summary>
    public void Tick()
    {
        if (_budget is not null && _url is not null) _budget.Tick(_url);
    }

    /// <summary>Leaves the element out of the content: detached from its page, and no longer a root if it was one.</summary>
    public void LeaveOut(IElement element)
    {
        element.Remove();
        _nodes.Remove(element);
    }

    /// <summary>
    /// Whether a site-chrome rule may leave the element out: never an element a selector matched or one holding such an
    /// element, except a root that the declaration does not name (<see cref="IsNamed"/>) and that holds no other match.
    /// </summary>
    public bool CanLeaveOut(IElement element) => IsRoot(element)
        ? !IsNamed(element) && !_holding.Contains(element)
        : !Matched.Contains(element) && !_holding.Contains(element);

    private readonly HashSet<INode> _roots = new(nodes, ReferenceEqualityComparer.Instance);

    /// <summary>The ancestors of every matched element (not the matched elements themselves, unless nested in another).</summary>
    private readonly HashSet<INode> _holding = Holding(matched);

    private static HashSet<INode> Holding(IReadOnlySet<IElement> matched)
    {
        var holding = new HashSet<INode>(ReferenceEqualityComparer.Instance);
        foreach (var element in matched)
            for (var node = element.Parent; node is not null && holding.Add(node); node = node.Parent) { }
        return holding;
    }
}
