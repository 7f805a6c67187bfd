using Snapshots.Catalog;
using Microsoft.AspNetCore.Http;
using Snapshots.Web.Http;

namespace Snapshots.Web.Pages;

/// <summary><c>/</c>: every tracked platform, its documents and its last change.</summary>
public static class PlatformsPage
{
    public sealed record View(IReadOnlyList<Row> Platforms, int Documents);

    public sealed record Row(string Name, string Href, string Documents, string LastChanged, string LastChangedIso, string Failing);

    public static async Task<IResult> HandleAsync(ArchiveReader reader, PageTemplates templates, CancellationToken ct)
    {
        var platforms = await reader.PlatformsAsync(ct);
        var rows = platforms.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Select(p =>
        {
            var lastChanged = p.Documents.Max(d => d.LastChangedAt);
            var failing = p.Documents.Count(d => d.ConsecutiveFailures > 0);
            return new Row(p.Name, PublicSite.PlatformPath(p.Slug), WebFormat.Count(p.Documents.Count, "document"),
                WebFormat.Time(lastChanged), WebFormat.Machine(lastChanged), failing == 0 ? "" : $"{WebFormat.Count(failing, "document")} failing");
        }).ToList();
        var html = templates.Page("platforms", new View(rows, platforms.Sum(p => p.Documents.Count)),
            new PageLayout("Tracked platforms", [], "/feeds/all.atom", "Every change, all platforms"));
        return CachedContent.Html(html);
    }
}
