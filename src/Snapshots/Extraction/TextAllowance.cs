namespace Snapshots.Extraction;

/// <summary>
/// What the Markdown renderer may write for one page (<see cref="ExtractionOptions.MaxTextRatio"/> times the page's length,
/// at least <see cref="ExtractionOptions.MinTextAllowance"/>, at most <see cref="ExtractionOptions.MaxTextCharacters"/>),
/// counted as it writes, before anything larger is built; each count also checks the document's time budget and
/// cancellation (<see cref="ExtractionBudget.Tick"/>), so a long render stops when its check is given up.
/// </summary>
internal sealed class TextAllowance
{
    private readonly Uri _url;
    private readonly ExtractionBudget? _budget;
    private readonly int _pageLength;
    private long _written;

    public TextAllowance(Uri url, int pageLength, ExtractionOptions options, ExtractionBudget? budget = null)
    {
        _url = url;
        _budget = budget;
        _pageLength = pageLength;
        var ratio = double.IsFinite(options.MaxTextRatio) && options.MaxTextRatio > 0 ? options.MaxTextRatio : 0;
        var scaled = (long)Math.Min(ratio * pageLength, long.MaxValue / 2);
        Characters = Math.Min(Math.Max(scaled, options.MinTextAllowance), Math.Max(options.MaxTextCharacters, options.MinTextAllowance));
    }

    /// <summary>An allowance no page reaches (rendering outside an extraction: tests of the renderer alone).</summary>
    public static TextAllowance Unbounded(Uri url) =>
        new(url, 0, new ExtractionOptions { MinTextAllowance = long.MaxValue / 2, MaxTextCharacters = long.MaxValue / 2 });

    /// <summary>The characters this page may write.</summary>
    public long Characters { get; }

    /// <summary>Counts characters about to be written; throws <see cref="ExtractionException"/> past the allowance.</summary>
    public void Write(long characters)
    {
        _written += characters;
        if (_written > Characters)
            throw new ExtractionException(_url,
                $"its text would take more than {Characters:N0} characters to write, from a page of {_pageLength:N0} characters "
                + "(Extraction__MaxTextRatio, Extraction__MinTextAllowance, Extraction__MaxTextCharacters): "
                + "a table, list or quote that multiplies its content as it is rendered");
        _budget?.Tick(_url);
    }

    /// <summary>Checks the time budget and cancellation every so many calls (a walk over elements that writes nothing).</summary>
    public void Tick() => _budget?.Tick(_url);
}
