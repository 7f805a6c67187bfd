using System.Diagnostics;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Snapshots.Text;

namespace Snapshots.Extraction;

/// <summary>
/// The time and size budget of one document's extraction, checked from inside the HTML parser (every element it creates), the
/// selector matching (between elements) and the PDF reader (between pages). Over budget, <see cref="ExtractionException"/> names
/// the bound; cancellation of the check is honoured at the same points.
/// </summary>
public sealed class ExtractionBudget
{
    private readonly long _deadline;
    private readonly CancellationToken _ct;
    private int _elements;
    private int _ticks;
    private IElement? _lastCreated;
    private readonly List<IElement> _path = [];

    public ExtractionBudget(ExtractionOptions options, CancellationToken ct = default)
    {
        Options = options;
        _ct = ct;
        _deadline = options.Budget <= TimeSpan.Zero || options.Budget == Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : Stopwatch.GetTimestamp() + (long)(options.Budget.TotalSeconds * Stopwatch.Frequency);
    }

    public ExtractionOptions Options { get; }

    /// <summary>A budget with the default bounds (tests, benchmarks, one-off extraction).</summary>
    public static ExtractionBudget Default(CancellationToken ct = default) => new(new ExtractionOptions(), ct);

    /// <summary>Throws when the check was cancelled or the time budget is spent.</summary>
    public void Check(Uri url)
    {
        _ct.ThrowIfCancellationRequested();
        if (Stopwatch.GetTimestamp() > _deadline)
            throw new ExtractionException(url, $"extraction exceeded its time budget of {Describe.Duration(Options.Budget)} (Extraction__Budget)");
    }

    /// <summary>Checks time every so many calls, so a hot loop pays almost nothing for it.</summary>
    public void Tick(Uri url)
    {
        if ((++_ticks & 63) == 0) Check(url);
    }

    /// <summary>
    /// Parser options that count elements and nesting depth and check the budget while the page is parsed. The parser is
    /// told to nest as deep as the bound allows (its own default flattens deeper elements silently), and each element's
    /// depth is checked once it is in the tree. No per-token callback: one makes the parser build an object for every
    /// token, a third of its time on real pages (issue 15).
    /// </summary>
    public HtmlParserOptions ParserOptions(Uri url) => new()
    {
        // html, body and one level to spare, so that an element past the bound is built where it belongs and seen; the parser
        // never nests deeper than this, whatever the check below sees, so no page can build a tree that overflows a walk.
        MaximumDepth = (int)Math.Min((long)Options.MaxDepth + 3, int.MaxValue),
        OnCreated = (element, _) =>
        {
            if (++_elements > Options.MaxElements)
                throw new ExtractionException(url, $"the page has more than {Options.MaxElements:N0} elements (Extraction__MaxElements)");
            Tick(url);
            // The parser inserts an element right after announcing it: the one announced before is in the tree by now.
            if (_lastCreated is not null) CheckDepth(_lastCreated, url);
            _lastCreated = element;
        },
    };

    /// <summary>
    /// Call when a parse with <see cref="ParserOptions"/> has ended: checks the depth of the last element created (the others
    /// were checked as the parse went on) and lets go of the page's elements.
    /// </summary>
    public void EndOfParse(Uri url)
    {
        if (_lastCreated is not null) CheckDepth(_lastCreated, url);
        _lastCreated = null;
        _path.Clear();
    }

    /// <summary>
    /// The element's depth below html and body, from the chain of elements checked before it (the parser mostly adds each
    /// element under the previous one or one of its ancestors, so this costs a step or two); the chain is rebuilt from the
    /// element's parents when it was placed elsewhere.
    /// </summary>
    private void CheckDepth(IElement element, Uri url)
    {
        var parent = element.ParentElement;
        while (_path.Count > 0 && !ReferenceEquals(_path[^1], parent)) _path.RemoveAt(_path.Count - 1);
        if (_path.Count == 0)
        {
            for (var ancestor = parent; ancestor is not null && _path.Count <= Options.MaxDepth + 2; ancestor = ancestor.ParentElement) _path.Add(ancestor);
            _path.Reverse();
        }
        _path.Add(element);
        if (_path.Count - 2 > Options.MaxDepth)
            throw new ExtractionException(url, $"the page nests elements more than {Options.MaxDepth:N0} deep (Extraction__MaxDepth)");
    }
}
