using Snapshots.Catalog;
using Microsoft.AspNetCore.Http;
using Snapshots.Provisions;
using Snapshots.Web.Http;

namespace Snapshots.Web.Pages;

/// <summary>
/// <c>/clause-types/{typeId}</c>: one clause type, what it is and the law it engages, and every tracked platform's provisions
/// of that type in their latest versions, side by side, with the platforms that have none.
/// </summary>
public static class ClauseTypePage
{
    public sealed record View(string Id, string Name, string WhatItIs, IReadOnlyList<string> Regulations, string Severity, string CountLine,
        IReadOnlyList<Row> Rows, HtmlFragment? Pager, IReadOnlyList<PlatformLink> Without, string? WithoutMore, string FeedHref, string ApiHref, string FollowHref);

    /// <summary>Provisions listed a page (<c>?page=N</c>), and platforms without the type named (the rest counted).</summary>
    public const int RowsPerPage = 200;
    public const int WithoutShown = 300;

    public sealed record Row(string PlatformName, string PlatformHref, string Document, string DocumentHref, string Href, string Title,
        IReadOnlyList<TextRun> Excerpt, string Severity, string Confidence);

    public sealed record PlatformLink(string Name, string Href);

    public static async Task<IResult> HandleAsync(string typeId, string? page, ArchiveReader reader, ProvisionReader provisions, PageTemplates templates, CancellationToken ct)
    {
        var type = provisions.Catalog.Find(typeId);
        if (type is null) return NotFound(templates, typeId);
        var across = await provisions.AcrossPlatformsAsync(type.Id, ct);
        var names = (await reader.PlatformsAsync(ct)).ToDictionary(p => p.Slug, p => p.Name, StringComparer.Ordinal);
        var paging = Paging.Of(across.Provisions.Count, RowsPerPage, page);
        var rows = paging.Of(across.Provisions
            .OrderBy(p => p.Version.Document.PlatformName, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Version.Document.TermsType, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.Provision.Provision.Ordinal))
            .Select(p =>
            {
                var match = p.Provision.Types.First(t => t.TypeId == type.Id);
                var document = p.Version.Document;
                return new Row(document.PlatformName, PublicSite.PlatformPath(p.Platform), document.TermsType, PublicSite.DocumentPath(document.Id),
                    ProvisionPaths.Provision(document.Id, p.Provision.Slug), ProvisionText.Title(p.Provision), ProvisionText.Excerpt(p.Provision, provisions.Catalog, type.Id),
                    ProvisionText.Severity(match.Severity), ProvisionText.Confidence(match.Confidence));
            }).ToList();
        var without = across.Platforms.Except(across.PlatformsWith, StringComparer.Ordinal)
            .Select(p => new PlatformLink(names.GetValueOrDefault(p, p), PublicSite.PlatformPath(p))).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var view = new View(type.Id, type.Name, type.WhatItIs, type.Regulations, ProvisionText.Severity(type.Severity), CountLine(across), rows,
            paging.Nav(templates, "Pages of provisions", n => $"{ProvisionPaths.ClauseType(type.Id)}?page={n}#platforms"),
            without.Take(WithoutShown).ToList(), without.Count > WithoutShown ? $"And {WebFormat.Count(without.Count - WithoutShown, "platform")} more." : null,
            ProvisionPaths.ClauseTypeFeed(type.Id), ProvisionPaths.ClauseTypeApi(type.Id), Subscriptions.SignUpPage.FollowHref(Subscribers.Follows.TypePrefix + type.Id));
        var html = templates.Page("clause-type", view, new PageLayout($"Clause type: {type.Name}",
            [new Crumb("Clause types", ProvisionPaths.ClauseTypesPath), new Crumb(type.Name, null)], view.FeedHref, $"Changes to provisions of the type {type.Name}"));
        return CachedContent.Html(html);
    }

    /// <summary>"2 of 3 platforms have this clause type (4 provisions)."</summary>
    public static string CountLine(ClauseTypeAcrossPlatforms across) =>
        $"{across.PlatformsWith.Count} of {WebFormat.Count(across.Platforms.Count, "platform")} {(across.PlatformsWith.Count == 1 ? "has" : "have")} this clause type ({WebFormat.Count(across.Provisions.Count, "provision")}).";

    public static IResult NotFound(PageTemplates templates, string typeId) =>
        NotFoundPage.Result(templates, $"No clause type '{typeId}' is in the catalogue. Every clause type is listed at {ProvisionPaths.ClauseTypesPath}.");
}
