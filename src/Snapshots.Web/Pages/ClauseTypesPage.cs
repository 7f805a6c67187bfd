using Microsoft.AspNetCore.Http;
using Snapshots.Provisions;
using Snapshots.Web.Http;

namespace Snapshots.Web.Pages;

/// <summary><c>/clause-types</c>: every clause type of the catalogue with how many platforms and provisions have it now.</summary>
public static class ClauseTypesPage
{
    public sealed record View(string Platforms, IReadOnlyList<Row> Types);

    public sealed record Row(string Name, string Href, string Severity, string WhatItIs, int PlatformsWith, int Provisions);

    public static async Task<IResult> HandleAsync(ProvisionReader provisions, PageTemplates templates, CancellationToken ct)
    {
        var types = provisions.Catalog.Types;
        var across = await provisions.AcrossPlatformsAsync(types.Select(t => t.Id).ToList(), ct);
        var rows = types.Select((t, i) => new Row(t.Name, ProvisionPaths.ClauseType(t.Id), ProvisionText.Severity(t.Severity), t.WhatItIs,
            across[i].PlatformsWith.Count, across[i].Provisions.Count)).ToList();
        var tracked = across.Count == 0 ? 0 : across[0].Platforms.Count;
        var view = new View(WebFormat.Count(tracked, "tracked platform"), rows);
        var html = templates.Page("clause-types", view, new PageLayout("Clause types", [new Crumb("Platforms", "/"), new Crumb("Clause types", null)]));
        return CachedContent.Html(html);
    }
}
