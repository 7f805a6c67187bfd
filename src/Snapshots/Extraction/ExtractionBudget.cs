using System.Diagnostics;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using Snapshots.Text;

namespace Snapshots.Extraction;

/// <summary>
/// The time and size budget of one document's extraction, checked from inside the HTML parser (every token and element), the
/// selector matching (between elements) and the PDF reader (between pages). Over budget, <see cref="ExtractionException"/> names
/// the bound; cancellation of the check is honoured at the same points.
/// </summary>
public sealed class ExtractionBudget
{
    private readonly long _deadline;
    private readonly CancellationToken _ct;
    private int _elements;
    private readonly List<string> _open = [];
    private int _ticks;

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

    private void CloseNearest(string name, int reach)
    {
        for (var i = _open.Count - 1; i >= 0 && _open.Count - i <= reach; i--)
        {
            if (!string.Equals(_open[i], name, StringComparison.OrdinalIgnoreCase)) continue;
            _open.RemoveRange(i, _open.Count - i);
            return;
        }
    }

    /// <summary>Parser options that count elements and open depth and check the budget while the page is parsed.</summary>
    public HtmlParserOptions ParserOptions(Uri url) => new()
    {
        OnCreated = (_, _) =>
        {
            if (++_elements > Options.MaxElements)
                throw new ExtractionException(url, $"the page has more than {Options.MaxElements:N0} elements (Extraction__MaxElements)");
            Tick(url);
        },
        OnToken = (token, _) =>
        {
            Tick(url);
            if (token is not HtmlTagToken tag || !OpenDepth.Counts(tag.Name)) return;
            if (tag.Type == HtmlTokenType.StartTag && !tag.IsSelfClosing)
            {
                if (OpenDepth.ClosesPreviousOfItsName(tag.Name)) CloseNearest(tag.Name, OpenDepth.AutoCloseReach);
                _open.Add(tag.Name);
                if (_open.Count > Options.MaxDepth)
                    throw new ExtractionException(url, $"the page nests elements more than {Options.MaxDepth:N0} deep (Extraction__MaxDepth)");
            }
            else if (tag.Type == HtmlTokenType.EndTag)
            {
                // An end tag closes the nearest open element of its name and whatever was left open inside it, as the parser does.
                CloseNearest(tag.Name, int.MaxValue);
            }
        },
    };
}
