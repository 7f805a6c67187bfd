using Snapshots.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Snapshots.Catalog;
using Snapshots.Provisions;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Api;

/// <summary>
/// The provisions part of the read-only JSON API: a version's provisions, one provision with its history, the clause-type
/// catalogue, and one clause type across platforms. In the OpenAPI document beside <see cref="ArchiveApi"/>; an unknown
/// provision or clause type is a 404 problem naming it.
/// </summary>
public static class ProvisionApi
{
    public const string Tag = "Provisions";

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags(Tag);
        api.MapGet("/documents/{platform}/{type}/versions/{sequence:long}/provisions", VersionAsync).WithName("ListProvisions")
            .WithSummary("A version's provisions with their clause types and matched words")
            .Produces<VersionProvisionsJson>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/documents/{platform}/{type}/provisions/{slug}", ProvisionAsync).WithName("GetProvision")
            .WithSummary("One provision (by slug or id) with its evidence and history")
            .Produces<ProvisionDetailJson>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/clause-types", CatalogAsync).WithName("ListClauseTypes").WithSummary("The clause-type catalogue")
            .Produces<IReadOnlyList<ClauseTypeJson>>(StatusCodes.Status200OK, "application/json");
        api.MapGet("/clause-types/{typeId}", ClauseTypeAsync).WithName("GetClauseType")
            .WithSummary("A clause type and every platform's provisions of it in their latest versions")
            .Produces<ClauseTypeAcrossJson>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> VersionAsync(string platform, string type, long sequence, ArchiveReader reader, ProvisionReader provisions,
        PublicSite site, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(platform, type, ct);
        if (document is null) return ApiResults.NotFound($"no document '{platform}/{type}' is tracked");
        var version = await provisions.VersionAsync(document, sequence, ct);
        if (version is null)
            return ApiResults.NotFound(sequence < 1 || sequence > document.VersionCount
                ? $"'{document.Id}' has versions 1 to {document.VersionCount}; there is no version {sequence}"
                : $"the provisions of version {sequence} of '{document.Id}' are not built yet");
        return ApiResults.Ok(new VersionProvisionsJson(document.Id.ToString(), sequence, version.Version.CapturedAt, version.Version.TextSha256, version.Version.ChainHash,
            version.Provisions.Select(p => Provision(document, p, provisions.Catalog, site)).ToList()));
    }

    private static async Task<IResult> ProvisionAsync(string platform, string type, string slug, ArchiveReader reader, ProvisionReader provisions,
        PublicSite site, CancellationToken ct)
    {
        if (!ProvisionPaths.IsSlug(slug)) return ApiResults.NotFound($"'{slug}' is not a provision slug or id");
        var document = await reader.DocumentAsync(platform, type, ct);
        if (document is null) return ApiResults.NotFound($"no document '{platform}/{type}' is tracked");
        var history = await provisions.HistoryAsync(document, slug, ct);
        if (history is null) return ApiResults.NotFound($"no provision '{slug}' is recorded in '{document.Id}'");
        var version = history.Latest.Version;
        return ApiResults.Ok(new ProvisionDetailJson(document.Id.ToString(), Provision(document, history.Current, provisions.Catalog, site), version.Sequence,
            version.CapturedAt, version.TextSha256, version.ChainHash, history.Removed, ProvisionPage.RemovedIn(history), ProvisionPage.ChangedLine(history),
            history.Changes.Select(c => new ProvisionChangeJson(c.Version.Sequence, c.Version.CapturedAt, c.Event.Kind.ToString().ToLowerInvariant(), c.Event.Moved,
                c.Event.Renumbered, c.Before, c.After, c.After is null ? null : Sha256Hex.Of(c.After), site.VersionUrl(document.Id, c.Version.Sequence).AbsoluteUri)).ToList(),
            site.Url(ProvisionPaths.ProvisionFeed(document.Id, history.Slug)).AbsoluteUri));
    }

    private static IResult CatalogAsync(ProvisionReader provisions, PublicSite site) =>
        ApiResults.Ok(provisions.Catalog.Types.Select(t => Type(t, site)).ToList());

    private static async Task<IResult> ClauseTypeAsync(string typeId, ProvisionReader provisions, PublicSite site, CancellationToken ct)
    {
        var type = provisions.Catalog.Find(typeId);
        if (type is null) return ApiResults.NotFound($"no clause type '{typeId}' is in the catalogue (see /api/clause-types)");
        var across = await provisions.AcrossPlatformsAsync(type.Id, ct);
        return ApiResults.Ok(new ClauseTypeAcrossJson(Type(type, site), across.Platforms, across.PlatformsWith,
            across.Provisions.Select(p => new ClauseTypeProvisionJson(p.Platform, p.Version.Document.PlatformName, p.Version.Document.Id.ToString(),
                p.Version.Document.TermsType, p.Version.Version.Sequence, Provision(p.Version.Document, p.Provision, provisions.Catalog, site))).ToList()));
    }

    private static ClauseTypeJson Type(ClauseType type, PublicSite site) => new(type.Id, type.Name, type.WhatItIs, type.Regulations,
        ProvisionText.Severity(type.Severity), site.Url(ProvisionPaths.ClauseType(type.Id)).AbsoluteUri, site.Url(ProvisionPaths.ClauseTypeApi(type.Id)).AbsoluteUri);

    private static ProvisionJson Provision(DocumentRecord document, ClassifiedProvision p, ClauseTypeCatalog catalog, PublicSite site) => new(
        p.Id, p.Slug, p.Provision.Kind.ToString().ToLowerInvariant(), p.Provision.HeadingPath, p.Provision.Range.Start, p.Provision.Range.Length,
        p.Provision.Sha256, p.Text, p.Quoted, p.Severity is null ? null : ProvisionText.Severity(p.Severity),
        p.Types.Select(t => new ClauseMatchJson(t.TypeId, catalog.NameOf(t.TypeId), ProvisionText.Severity(t.Severity),
            ProvisionText.Confidence(t.Confidence), t.Guard switch { ClauseGuard.Negated => "negated", ClauseGuard.CarvedOut => "carved-out", _ => "none" },
            t.DerivedFrom, t.Evidence.Select(e => new MatchedWordsJson(e.Words, e.Role, e.Start, e.Length, e.InContext ? e.Context : null)).ToList())).ToList(),
        site.Url(ProvisionPaths.Provision(document.Id, p.Slug)).AbsoluteUri, site.Url(ProvisionPaths.ProvisionApi(document.Id, p.Slug)).AbsoluteUri);

}
