using System.Globalization;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Subscriptions;

/// <summary>
/// The platforms a subscription form offers as checkboxes: the ones already chosen first (at most <see cref="MaxChosenShown"/>,
/// above any plan's limit), then one page of the others by name, <see cref="PerPage"/> a page (<c>?page=N</c>), with links to
/// the other pages. With 10,000 platforms tracked the form stays one page of a known size.
/// </summary>
public static class PlatformChoices
{
    public const int PerPage = 200;
    public const int MaxChosenShown = 50;

    /// <param name="CountLine">How many platforms there are and which are shown, when they do not all fit on one page.</param>
    public sealed record Shown(IReadOnlyList<SignUpPage.PlatformChoice> Choices, string? CountLine, HtmlFragment? Pager);

    public static Shown Of(IReadOnlyList<PlatformDocuments> platforms, IReadOnlyCollection<string> chosen, string? page, PageTemplates templates, Func<int, string> href)
    {
        var picked = chosen.ToHashSet(StringComparer.Ordinal);
        var byName = platforms.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Slug, StringComparer.Ordinal).ToList();
        var first = byName.Where(p => picked.Contains(p.Slug)).Take(MaxChosenShown).Select(p => new SignUpPage.PlatformChoice(p.Slug, p.Name, true)).ToList();
        var others = byName.Where(p => !picked.Contains(p.Slug)).ToList();
        var paging = Paging.Of(others.Count, PerPage, page);
        var choices = first.Concat(paging.Of(others).Select(p => new SignUpPage.PlatformChoice(p.Slug, p.Name, false))).ToList();
        var countLine = paging.Count == 1 ? null
            : $"{platforms.Count.ToString("N0", CultureInfo.InvariantCulture)} platforms are tracked: {(first.Count > 0 ? "those chosen first, then " : "")}the others {paging.Range}, by name.";
        return new Shown(choices, countLine, paging.Nav(templates, "Pages of platforms", href));
    }
}
