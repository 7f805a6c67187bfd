using Snapshots.Catalog;

namespace Snapshots.Extraction;

/// <summary>A <see cref="RangeSelector"/> read as two boundaries: which CSS selector, and before or after its element.</summary>
internal sealed record RangeSelectorBoundaries(string StartCss, bool StartIsBefore, string EndCss, bool EndIsBefore, RangeSelector Declared)
{
    public static RangeSelectorBoundaries From(RangeSelector range, Uri url)
    {
        var start = range.StartBefore ?? range.StartAfter
            ?? throw new ExtractionException(url, $"range {range} has no start (startBefore or startAfter)");
        var end = range.EndBefore ?? range.EndAfter
            ?? throw new ExtractionException(url, $"range {range} has no end (endBefore or endAfter)");
        return new RangeSelectorBoundaries(start, range.StartBefore is not null, end, range.EndBefore is not null, range);
    }

    public override string ToString() => Declared.ToString();
}
