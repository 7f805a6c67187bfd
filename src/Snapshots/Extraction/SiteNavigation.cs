using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// Finds the site's navigation inside a broad selection (<c>body</c>, <c>main</c>, a page container), by structure alone:
/// <list type="bullet">
/// <item>navigation landmarks: <c>nav</c>, <c>role="navigation"</c>, <c>"menu"</c>, <c>"menubar"</c>; but not a table of
/// contents (a landmark whose links mostly stay within the page);</item>
/// <item>the page's header and footer (<c>header</c>/<c>footer</c> outside any article, aside, main, nav or section, or
/// <c>role="banner"</c>/<c>"contentinfo"</c>), unless they hold an h1 or a date (a document's title block);</item>
/// <item>headers, footers and asides inside the selection that are mostly links to other pages (related pages, share links);</item>
/// <item>a selected root lying inside such a landmark of the page, when a broad selector matched it among other pieces;</item>
/// <item>menus, lists and rows of links to other pages of the site with at most short column headings, that lie outside the element
/// holding the document's prose (<see cref="ProseContainer"/>): footer columns, header menus, "Resources", "Socials";</item>
/// <item>inside that element, menus after the document's last paragraph when they make at least <see cref="MinTrailingMenus"/>
/// lists (footer columns without landmarks); one list of related links closing a document stays.</item>
/// </list>
/// A heading that only names a menu left out ("Product") goes with it. Never: an element a selector matched or one holding
/// such an element, a landmark or root the declaration names and what is inside it, anything holding an h1 or half the
/// selection's prose, links inside the document's text. Pure: finds, does not remove.
/// </summary>
internal static class SiteNavigation
{
    /// <summary>A block is made of links when link text is at least this share of its words.</summary>
    private const double LinkShare = 0.6;

    /// <summary>A prose container holds at least this share of the selection's prose.</summary>
    private const double ProseShare = 0.9;

    public static List<(IElement Element, SiteChromeRules.Rule Rule)> Find(SelectedContent selection, ContentMeasure measure)
    {
        var found = new List<(IElement, SiteChromeRules.Rule)>();
        var total = measure.Total;

        // A root inside the page's navigation, taken by a broad selector along with the document.
        var roots = selection.Nodes.OfType<IElement>().ToList();
        var inNavigation = roots.Where(r => ChromeSearch.Ancestors(r).Any(IsNavigationOfThePage)).ToList();
        if (inNavigation.Count < roots.Count || selection.Nodes.Count > roots.Count)
            found.AddRange(inNavigation.Where(r => selection.CanLeaveOut(r) && !HoldsTheDocument(measure.Of(r), total))
                .Select(r => (r, StructuralChromeRules.SelectedInsideNavigation)));
        var left = found.Select(f => f.Item1).ToHashSet();

        // Landmarks inside the selection.
        found.AddRange(ChromeSearch.TopDown(selection, withRoots: false, element =>
        {
            if (left.Contains(element) || SelectedLandmark(selection, element)) return ChromeVerdict.Keep;
            if (!selection.CanLeaveOut(element)) return ChromeVerdict.Descend;
            var m = measure.Of(element);
            if (m.Words == 0 || m.HasH1 || HoldsTheDocument(m, total)) return ChromeVerdict.Descend;
            return RuleFor(element, m) is null ? ChromeVerdict.Descend : ChromeVerdict.Drop;
        }).Select(e => (e, RuleFor(e, measure.Of(e))!)));
        foreach (var (element, _) in found) left.Add(element);

        if (ProseContainer(selection, measure) is not { } container) return found;

        // Menus outside the element holding the document's prose.
        var outside = ChromeSearch.TopDown(selection, withRoots: true, element =>
        {
            if (left.Contains(element) || container == element || container.Contains(element)) return ChromeVerdict.Keep;
            if (element.Contains(container)) return ChromeVerdict.Descend;
            if (Asked(selection, element)) return ChromeVerdict.Keep;
            if (!selection.CanLeaveOut(element)) return ChromeVerdict.Descend;
            return IsMenu(measure.Of(element)) ? ChromeVerdict.Drop : ChromeVerdict.Descend;
        });
        found.AddRange(WithTheirHeadings(outside, selection, measure).Select(e => (e, StructuralChromeRules.MenuOutsideTheDocument)));

        // Columns of menus after the document's last paragraph, inside the element holding it (a footer without landmarks).
        if (LastProseBlock(container, measure) is { } last)
        {
            var order = DocumentOrder(container, measure);
            var trailing = ChromeSearch.TopDown(selection, withRoots: true, element =>
            {
                if (left.Contains(element) || !(container == element || container.Contains(element))) return element.Contains(container) ? ChromeVerdict.Descend : ChromeVerdict.Keep;
                if (element == last || element.Contains(last)) return ChromeVerdict.Descend;
                if (order[element] < order[last] || SelectedLandmark(selection, element)) return ChromeVerdict.Keep;
                if (!selection.CanLeaveOut(element)) return ChromeVerdict.Descend;
                return IsMenu(measure.Of(element)) ? ChromeVerdict.Drop : ChromeVerdict.Descend;
            });
            if (trailing.Sum(Lists) >= MinTrailingMenus)
                found.AddRange(WithTheirHeadings(trailing, selection, measure).Select(e => (e, StructuralChromeRules.MenusAfterTheDocument)));
        }
        return found;
    }

    /// <summary>Menus after the document's last paragraph are the site's when they hold at least this many lists (footer columns).</summary>
    public const int MinTrailingMenus = 2;

    private static int Lists(IElement menu) => Math.Max(1, menu.QuerySelectorAll("ul, ol, menu").Length + (menu.LocalName is "ul" or "ol" or "menu" ? 1 : 0));

    /// <summary>
    /// What the declaration asked for by name: a landmark a selector matched (<c>footer</c>, <c>nav.legal</c>) with what is
    /// inside it, or a root it names (<see cref="SelectedContent.IsNamed"/>) that does not hold the document.
    /// </summary>
    private static bool SelectedLandmark(SelectedContent selection, IElement element) =>
        selection.Matched.Contains(element) && (IsNavigationOfThePage(element) || element.LocalName is "header" or "footer" or "aside");

    private static bool Asked(SelectedContent selection, IElement element) =>
        SelectedLandmark(selection, element) || (selection.IsRoot(element) && selection.IsNamed(element));

    /// <summary>The menus, each with the short heading just before it that only names it ("Product", "Resources").</summary>
    private static IEnumerable<IElement> WithTheirHeadings(List<IElement> menus, SelectedContent selection, ContentMeasure measure)
    {
        var set = menus.ToHashSet();
        foreach (var menu in menus)
        {
            if (menu.PreviousElementSibling is { } label && !set.Contains(label) && selection.CanLeaveOut(label)
                && measure.Of(label) is { Words: > 0 and <= MaxLabelWords } m && m.HeadingWords == m.Words)
                yield return label;
            yield return menu;
        }
    }

    /// <summary>A heading that names a menu has at most this many words.</summary>
    private const int MaxLabelWords = 6;

    /// <summary>The last block (in document order) of the container whose own words make it prose.</summary>
    private static IElement? LastProseBlock(INode container, ContentMeasure measure)
    {
        IElement? last = null;
        var stack = new Stack<IElement>(container is IParentNode p ? p.Children.Reverse() : []);
        if (container is IElement self) stack = new Stack<IElement>([self]);
        while (stack.Count > 0)
        {
            measure.Tick();
            var element = stack.Pop();
            var m = measure.Of(element);
            if (m.ProseWords == 0) continue;
            if (measure.IsProseBlock(element)) last = element;
            foreach (var child in element.Children.Reverse()) stack.Push(child);
        }
        return last;
    }

    /// <summary>
    /// The position in document order of the container and every element inside it: an element after the document's last
    /// paragraph, or inside it, has a greater one (what <c>CompareDocumentPosition</c> says, for one walk instead of one
    /// walk up both trees per element).
    /// </summary>
    private static Dictionary<IElement, int> DocumentOrder(INode container, ContentMeasure measure)
    {
        var order = new Dictionary<IElement, int>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<IElement>();
        if (container is IElement self) stack.Push(self);
        else ElementTree.PushChildrenInReverse(stack, container);
        while (stack.Count > 0)
        {
            measure.Tick();
            var element = stack.Pop();
            order[element] = order.Count;
            ElementTree.PushChildrenInReverse(stack, element);
        }
        return order;
    }

    /// <summary>Which landmark rule leaves the element out, or null.</summary>
    private static SiteChromeRules.Rule? RuleFor(IElement element, ContentMeasure.Measure m)
    {
        if (IsNavigationLandmark(element))
            return IsTableOfContents(m) ? null : StructuralChromeRules.NavigationLandmark;
        if (IsPageHeaderOrFooter(element))
            return m.HasDate ? null : StructuralChromeRules.PageHeaderOrFooter;
        if (element.LocalName is "header" or "footer" or "aside" || Role(element) is "complementary")
            return MadeOfLinks(m) && !m.HasDate ? StructuralChromeRules.LinkedHeaderOrFooter : null;
        return null;
    }

    /// <summary>A landmark of the page an element may lie in: its navigation, or its header or footer.</summary>
    private static bool IsNavigationOfThePage(IElement element) => IsNavigationLandmark(element) || IsPageHeaderOrFooter(element);

    private static bool IsNavigationLandmark(IElement element) =>
        element.LocalName == "nav" || Role(element) is "navigation" or "menu" or "menubar";

    /// <summary>The page's banner or content information: a header or footer scoped to the body (as ARIA maps them), or those roles.</summary>
    private static bool IsPageHeaderOrFooter(IElement element)
    {
        if (Role(element) is "banner" or "contentinfo") return true;
        if (element.LocalName is not ("header" or "footer")) return false;
        return !ChromeSearch.Ancestors(element).Any(a => a.LocalName is "article" or "aside" or "main" or "nav" or "section"
            || Role(a) is "article" or "complementary" or "main" or "navigation" or "region");
    }

    private static string? Role(IElement element) => element.GetAttribute("role")?.Trim().ToLowerInvariant();

    /// <summary>Links mostly within the page: the document's own table of contents.</summary>
    private static bool IsTableOfContents(ContentMeasure.Measure m) => m.SamePageLinks > 0 && m.SamePageLinks >= m.OtherPageLinks;

    private static bool MadeOfLinks(ContentMeasure.Measure m) =>
        m.OtherPageLinks >= 2 && m.OtherPageLinks > m.SamePageLinks && m.LinkWords >= LinkShare * m.Words;

    /// <summary>
    /// A menu of the site: at least two links to other pages, mostly of the page's own site (a list of links to other sites,
    /// such as a document's list of its processors, is not the site's menu), and besides link text only short headings over
    /// them (column titles) and a word or two (a "New" badge); no h1, no date, no prose.
    /// </summary>
    private static bool IsMenu(ContentMeasure.Measure m) =>
        m.OtherPageLinks >= 2 && m.OtherPageLinks > m.SamePageLinks && m.SameSiteLinks * 2 >= m.OtherPageLinks
        && !m.HasH1 && !m.HasDate && m.ProseWords == 0
        && m.PlainWords * 10 <= m.LinkWords && m.HeadingWords * 2 <= m.LinkWords;

    private static bool HoldsTheDocument(ContentMeasure.Measure m, ContentMeasure.Measure total) =>
        total.ProseWords > 0 && m.ProseWords * 2 >= total.ProseWords;

    /// <summary>
    /// The element holding the document's prose: the deepest one with at least <see cref="ProseShare"/> of the selection's
    /// prose words. Null when no single element does (the document is spread over several pieces, or there is no prose),
    /// and then no menu is left out for lying outside it.
    /// </summary>
    internal static INode? ProseContainer(SelectedContent selection, ContentMeasure measure)
    {
        var total = measure.Total.ProseWords;
        if (total == 0) return null;
        var container = selection.Nodes.FirstOrDefault(n => measure.Of(n).ProseWords >= ProseShare * total);
        if (container is null) return null;
        while (container is IParentNode parent
            && parent.Children.FirstOrDefault(c => measure.Of(c).ProseWords >= ProseShare * total) is { } deeper)
            container = deeper;
        return container;
    }
}
