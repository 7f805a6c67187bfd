using Snapshots.Catalog;
using Microsoft.AspNetCore.Http;
using Snapshots.Web.Http;

namespace Snapshots.Web.Pages;

/// <summary><c>/</c>: every tracked platform, its documents and its last change, by name, <see cref="PerPage"/> a page (<c>?page=N</c>).</summary>
public static class PlatformsPage
{
    public const int PerPage = 200;

    public sealed record View(IReadOnlyList<Row> Platforms, string Total, string Documents, HtmlFragment? Pager);

    public sealed record Row(string Name, string Href, string Documents, string LastChanged, string LastChangedIso, string Failing);

    public static async Task<IResult> HandleAsync(string? page, ArchiveReader reader, PageTemplates templates, CancellationToken ct)
    {
        var platforms = await reader.PlatformsAsync(ct);
        var paging = Paging.Of(platforms.Count, PerPage, page);
        var rows = paging.Of(platforms.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Slug, StringComparer.Ordinal)).Select(p =>
        {
            var lastChanged = p.Documents.Max(d => d.LastChangedAt);
            var failing = p.Documents.Count(d => d.ConsecutiveFailures > 0);
            return new Row(p.Name, PublicSite.PlatformPath(p.Slug), WebFormat.Count(p.Documents.Count, "document"),
                WebFormat.Time(lastChanged), WebFormat.Machine(lastChanged), failing == 0 ? "" : $"{WebFormat.Count(failing, "document")} failing");
        }).ToList();
        var html = templates.Page("platforms", new View(rows, WebFormat.Count(platforms.Count, "platform"), WebFormat.Count(platforms.Sum(p => p.Documents.Count), "document"),
                paging.Nav(templates, "Pages of platforms", n => $"/?page={n}")),
            new PageLayout("Tracked platforms", [], "/feeds/all.atom", "Every change, all platforms"));
        return CachedContent.Html(html);
    }
}
