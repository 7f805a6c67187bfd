using System.Globalization;

namespace Snapshots.Web.Pages;

/// <summary>
/// One page of a long list, chosen by <c>?page=N</c> (1 when absent or not a number; the last page when past the end), with the
/// links to the pages before and after it. Every list a page shows whole is bounded this way or by what it lists, so that no
/// template loop runs past <see cref="PageTemplates.MaxIterations"/>.
/// </summary>
public sealed record Paging(int Number, int Count, int Size, int Total)
{
    public int Skip => (Number - 1) * Size;

    public static Paging Of(int total, int size, string? requested)
    {
        var count = Math.Max(1, (total + size - 1) / size);
        var number = int.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? Math.Min(n, count) : 1;
        return new Paging(number, count, size, total);
    }

    public IEnumerable<T> Of<T>(IEnumerable<T> items) => items.Skip(Skip).Take(Size);

    /// <summary>"201–400 of 1,100", or "" when everything fits on one page.</summary>
    public string Range => Count == 1 ? "" : $"{(Skip + 1).ToString("N0", CultureInfo.InvariantCulture)}\u2013{Math.Min(Total, Skip + Size).ToString("N0", CultureInfo.InvariantCulture)} of {Total.ToString("N0", CultureInfo.InvariantCulture)}";

    /// <summary>The pager links (<c>rel="prev"</c>, <c>rel="next"</c>), or null when everything fits on one page.</summary>
    public HtmlFragment? Nav(PageTemplates templates, string label, Func<int, string> href) => Count == 1 ? null
        : templates.Fragment("pager", new PagerView(label, Number, Count, Range,
            Number > 1 ? href(Number - 1) : null, Number < Count ? href(Number + 1) : null, Number > 2 ? href(1) : null, Number < Count - 1 ? href(Count) : null));

    /// <summary>What the pager template shows.</summary>
    public sealed record PagerView(string Label, int Number, int Count, string Range, string? PreviousHref, string? NextHref, string? FirstHref, string? LastHref);
}
