using System.Numerics;
using System.Text.RegularExpressions;
using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>A block left out of the compared text: which rule dropped it, why, and its text (folded to one line).</summary>
public sealed record DroppedBlock(string Rule, string Reason, string Text);

/// <summary>
/// Removes site chrome from inside the selected content of a page, before it is rendered: first the reviewed list of named
/// rules (<see cref="SiteChromeRules"/>) and the consent text counting partners, then the structural rules
/// (<see cref="StructuralChromeRules"/>): consent interfaces (<see cref="ConsentInterface"/>) and font-measuring glyphs
/// (<see cref="RepeatedGlyphs"/>), then the site's navigation (<see cref="SiteNavigation"/>) and share links
/// (<see cref="ShareLinks"/>), then announcement bars above
/// the document (<see cref="AnnouncementBars"/>), each step measuring what the previous ones left. Elements a selector
/// matched are never removed (<see cref="SelectedContent.CanLeaveOut"/>): a declaration that selects a banner gets the
/// banner; and no step leaves the selection without text.
/// </summary>
internal static partial class SiteChrome
{
    /// <summary>Removes every chrome element of the selection (mutating it) and says what was removed, in the order of the steps.</summary>
    internal static IReadOnlyList<DroppedBlock> RemoveFrom(SelectedContent selection, Uri pageUrl)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var dropped = new List<DroppedBlock>();
        Remove(NamedRules(selection), selection, dropped);

        var links = new LinkTarget(pageUrl, selection.Nodes.FirstOrDefault()?.Owner);
        var measure = new ContentMeasure(selection.Nodes, links, pageUrl, selection.Tick);
        // A consent interface is left out whole; a partner count outside any (a banner the interface rule does not see) alone.
        var found = ConsentInterface.Find(selection, measure).Select(e => (e, StructuralChromeRules.ConsentInterface))
            .Concat(ConsentCountBlocks(selection).Where(selection.CanLeaveOut).Select(e => (e, ConsentCountRule)))
            .Concat(RepeatedGlyphs.Find(selection, measure).Select(e => (e, StructuralChromeRules.RepeatedGlyphs))).ToList();
        if (RemoveUnlessAll(found, selection, measure, dropped)) measure = measure.Again(selection.Nodes);
        var navigation = SiteNavigation.Find(selection, measure)
            .Concat(ShareLinks.Find(selection, measure, pageUrl).Select(e => (e, StructuralChromeRules.ShareLinks))).ToList();
        if (RemoveUnlessAll(navigation, selection, measure, dropped)) measure = measure.Again(selection.Nodes);
        RemoveUnlessAll(AnnouncementBars.Find(selection, measure), selection, measure, dropped);
        return dropped;
    }

    /// <summary>The elements matched by the reviewed rules; the first rule that matches names an element.</summary>
    private static List<(IElement, SiteChromeRules.Rule)> NamedRules(SelectedContent selection)
    {
        var content = selection.Nodes;
        // One walk over the content tests the rules on every element (as many querySelectorAll calls would, rule by rule,
        // in document order); the first rule that matches an element names it. Every rule names an id, a class or another
        // attribute (SiteChromeTests checks it), so only the rules whose id, class or attribute the element has are matched.
        var found = new List<IElement>?[Selectors.Count];
        foreach (var root in content)
            foreach (var element in ElementTree.Descendants(root))
            {
                selection.Tick();
                for (var candidates = Prefilter.CandidatesFor(element); candidates != 0; candidates &= candidates - 1)
                {
                    var i = BitOperations.TrailingZeroCount(candidates);
                    if (Selectors[i].Match(element, null)) (found[i] ??= []).Add(element);
                }
            }
        var matches = new Dictionary<IElement, SiteChromeRules.Rule>();
        for (var i = 0; i < Selectors.Count; i++)
            foreach (var element in found[i] ?? [])
                if (selection.CanLeaveOut(element)) matches.TryAdd(element, SiteChromeRules.All[i]);
        return matches.Select(m => (m.Key, m.Value)).ToList();
    }

    /// <summary>Removes the found elements unless together they hold every word of the selection; true when anything was removed.</summary>
    private static bool RemoveUnlessAll(List<(IElement Element, SiteChromeRules.Rule Rule)> found, SelectedContent selection, ContentMeasure measure, List<DroppedBlock> dropped)
    {
        var outermost = Outermost(found);
        if (outermost.Count == 0 || outermost.Sum(f => measure.Of(f.Element).Words) >= measure.Total.Words) return false;
        Remove(outermost, selection, dropped);
        return true;
    }

    private static void Remove(List<(IElement Element, SiteChromeRules.Rule Rule)> found, SelectedContent selection, List<DroppedBlock> dropped)
    {
        foreach (var (element, rule) in Outermost(found))
        {
            dropped.Add(new DroppedBlock(rule.Selector, rule.Reason, OneLine(SpacedText(element))));
            selection.LeaveOut(element);
        }
    }

    /// <summary>The found elements not inside another found one, in the order found.</summary>
    private static List<(IElement Element, SiteChromeRules.Rule Rule)> Outermost(List<(IElement Element, SiteChromeRules.Rule Rule)> found)
    {
        var elements = found.Select(f => f.Element).ToHashSet();
        return found.Where(f => !Ancestors(f.Element).Any(elements.Contains)).DistinctBy(f => f.Element).ToList();
    }

    /// <summary>
    /// The IAB TCF consent text names the number of vendors ("We and our 1731 partners store and/or access information",
    /// "Number of Vendors seeking consent: 818"), which changes with the vendor list whatever the banner's markup: the
    /// smallest block holding that phrase is chrome.
    /// </summary>
    public static readonly SiteChromeRules.Rule ConsentCountRule =
        new("block whose text says \"we and our N partners\" or \"vendors seeking consent: N\"", "consent banner counting its advertising partners (IAB TCF)");

    private const string Blocks = "p, div, li, section, aside, dialog, form, span";

    private static IEnumerable<IElement> ConsentCountBlocks(SelectedContent selection)
    {
        foreach (var root in selection.Nodes.OfType<IParentNode>())
        {
            // A block's text is a run of its root's text: when the root's text holds no such phrase (even without the word
            // boundaries), no block inside it does, and the block-by-block search is skipped.
            if (root is not INode node || !LoosePartnerCount().IsMatch(node.TextContent)) continue;
            var candidates = root.QuerySelectorAll(Blocks).Where(e =>
            {
                selection.Tick();
                return PartnerCount().IsMatch(e.TextContent);
            }).ToList();
            foreach (var element in candidates.Where(e => !e.QuerySelectorAll(Blocks).Any(inner => PartnerCount().IsMatch(inner.TextContent))))
                yield return element;
        }
    }

    [GeneratedRegex(@"\bwe and our \d[\d,.\u00A0 ]*(?:partners|vendors)\b|\b(?:partners|vendors) seeking (?:consent|legitimate interest)\s*:?\s*\d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartnerCount();

    [GeneratedRegex(@"we and our \d[\d,.\u00A0 ]*(?:partners|vendors)|(?:partners|vendors) seeking (?:consent|legitimate interest)\s*:?\s*\d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LoosePartnerCount();

    /// <summary>The rules' selectors, parsed once (<see cref="SiteChromeRules.All"/>, same order).</summary>
    private static readonly IReadOnlyList<ISelector> Selectors = SiteChromeRules.All
        .Select(rule => new CssSelectorParser().ParseSelector(rule.Selector) ?? throw new InvalidOperationException($"site chrome rule \"{rule.Selector}\" is not a valid selector"))
        .ToList();

    private static readonly SelectorPrefilter Prefilter = new(Selectors);

    private static IEnumerable<IElement> Ancestors(IElement element)
    {
        for (var parent = element.ParentElement; parent is not null; parent = parent.ParentElement) yield return parent;
    }

    /// <summary>The element's text with blocks kept apart ("Company Careers", not "CompanyCareers"), scripts and styles left out.</summary>
    private static string SpacedText(IElement element)
    {
        var text = new System.Text.StringBuilder();
        void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText t) text.Append(t.Data);
                else if (child is IElement e && e.LocalName is not ("script" or "style" or "template" or "noscript"))
                {
                    var block = ContentMeasure.IsBlock(e.LocalName) || e.LocalName is "br" or "a" or "button";
                    if (block) text.Append(' ');
                    Walk(e);
                    if (block) text.Append(' ');
                }
            }
        }
        Walk(element);
        return text.ToString();
    }

    public static string OneLine(string text)
    {
        var folded = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return folded.Length > 300 ? folded[..297] + "..." : folded;
    }
}
