using System.Numerics;
using System.Text.RegularExpressions;
using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>A block left out of the compared text: which rule dropped it, why, and its text (folded to one line).</summary>
public sealed record DroppedBlock(string Rule, string Reason, string Text);

/// <summary>
/// Removes site chrome (<see cref="SiteChromeRules"/>) from inside the selected content of a page, before it is rendered.
/// The selected elements themselves are never removed: a declaration that selects a banner gets the banner.
/// </summary>
public static partial class SiteChrome
{
    /// <summary>Removes every chrome element inside <paramref name="content"/> (mutating it) and says what was removed.</summary>
    public static IReadOnlyList<DroppedBlock> RemoveFrom(IReadOnlyList<INode> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        // One walk over the content tests the rules on every element (as many querySelectorAll calls would, rule by rule,
        // in document order); the first rule that matches an element names it. Every rule names an id, a class or another
        // attribute (SiteChromeTests checks it), so only the rules whose id, class or attribute the element has are matched.
        var found = new List<IElement>?[Selectors.Count];
        foreach (var root in content.OfType<IParentNode>())
            foreach (var element in Descendants(root))
                for (var candidates = Prefilter.CandidatesFor(element); candidates != 0; candidates &= candidates - 1)
                {
                    var i = BitOperations.TrailingZeroCount(candidates);
                    if (Selectors[i].Match(element, null)) (found[i] ??= []).Add(element);
                }
        var matches = new Dictionary<IElement, SiteChromeRules.Rule>();
        for (var i = 0; i < Selectors.Count; i++)
            foreach (var element in found[i] ?? [])
                matches.TryAdd(element, SiteChromeRules.All[i]);

        foreach (var element in ConsentCountBlocks(content)) matches.TryAdd(element, ConsentCountRule);
        if (matches.Count == 0) return [];

        var dropped = new List<DroppedBlock>();
        foreach (var (element, rule) in matches)
        {
            if (Ancestors(element).Any(matches.ContainsKey)) continue; // inside chrome dropped whole
            dropped.Add(new DroppedBlock(rule.Selector, rule.Reason, OneLine(element.TextContent)));
        }
        foreach (var element in matches.Keys.Where(e => !Ancestors(e).Any(matches.ContainsKey)).ToList()) element.Remove();
        return dropped;
    }

    /// <summary>
    /// The IAB TCF consent text names the number of vendors ("We and our 1731 partners store and/or access information"),
    /// which changes with the vendor list whatever the banner's markup: the smallest block holding that phrase is chrome.
    /// </summary>
    public static readonly SiteChromeRules.Rule ConsentCountRule =
        new("block whose text says \"we and our N partners\"", "consent banner counting its advertising partners (IAB TCF)");

    private const string Blocks = "p, div, li, section, aside, dialog, form, span";

    private static IEnumerable<IElement> ConsentCountBlocks(IReadOnlyList<INode> content)
    {
        foreach (var root in content.OfType<IParentNode>())
        {
            // A block's text is a run of its root's text: when the root's text holds no such phrase (even without the word
            // boundaries), no block inside it does, and the block-by-block search is skipped.
            if (root is not INode node || !LoosePartnerCount().IsMatch(node.TextContent)) continue;
            var candidates = root.QuerySelectorAll(Blocks).Where(e => PartnerCount().IsMatch(e.TextContent)).ToList();
            foreach (var element in candidates.Where(e => !e.QuerySelectorAll(Blocks).Any(inner => PartnerCount().IsMatch(inner.TextContent))))
                yield return element;
        }
    }

    [GeneratedRegex(@"\bwe and our \d[\d,.\u00A0 ]*(?:partners|vendors)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartnerCount();

    [GeneratedRegex(@"we and our \d[\d,.\u00A0 ]*(?:partners|vendors)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LoosePartnerCount();

    /// <summary>The rules' selectors, parsed once (<see cref="SiteChromeRules.All"/>, same order).</summary>
    private static readonly IReadOnlyList<ISelector> Selectors = SiteChromeRules.All
        .Select(rule => new CssSelectorParser().ParseSelector(rule.Selector) ?? throw new InvalidOperationException($"site chrome rule \"{rule.Selector}\" is not a valid selector"))
        .ToList();

    private static readonly SelectorPrefilter Prefilter = new(Selectors);

    /// <summary>The elements inside <paramref name="root"/> (not the root itself), in document order.</summary>
    private static IEnumerable<IElement> Descendants(IParentNode root)
    {
        var stack = new Stack<IElement>();
        for (var child = root.LastElementChild; child is not null; child = child.PreviousElementSibling) stack.Push(child);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            yield return element;
            for (var child = element.LastElementChild; child is not null; child = child.PreviousElementSibling) stack.Push(child);
        }
    }

    private static IEnumerable<IElement> Ancestors(IElement element)
    {
        for (var parent = element.ParentElement; parent is not null; parent = parent.ParentElement) yield return parent;
    }

    public static string OneLine(string text)
    {
        var folded = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return folded.Length > 300 ? folded[..297] + "..." : folded;
    }
}
