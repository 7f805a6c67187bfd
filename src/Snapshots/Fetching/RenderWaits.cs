using Snapshots.Catalog;

namespace Snapshots.Fetching;

/// <summary>
/// The CSS selectors a rendered page must contain before its DOM is taken, as Open Terms Archive waits for them: every
/// <c>select</c> selector, and both ends of every range selector. <c>remove</c> selectors are not waited for.
/// </summary>
internal static class RenderWaits
{
    public static IReadOnlyList<string> Of(SourceDeclaration source) => source.Select
        .SelectMany(selector => selector switch
        {
            CssSelector css => [css.Css],
            RangeSelector range => new[] { range.StartBefore ?? range.StartAfter!, range.EndBefore ?? range.EndAfter! },
            _ => [],
        })
        .Distinct(StringComparer.Ordinal)
        .ToList();
}
