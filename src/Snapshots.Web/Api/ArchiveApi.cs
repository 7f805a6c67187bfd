using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Web.Http;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Api;

/// <summary>
/// The read-only JSON API under <c>/api</c>: platforms, documents, versions, a version's text and evidence, a diff. Described by
/// the OpenAPI document at <c>/api/openapi/v1.json</c>, generated from these endpoints. Every read has an ETag and Cache-Control.
/// </summary>
public static class ArchiveApi
{
    public const string Tag = "Archive";

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags(Tag);
        api.MapGet("/platforms", PlatformsAsync).WithName("ListPlatforms").WithSummary("Every tracked platform")
            .Produces<IReadOnlyList<PlatformJson>>(StatusCodes.Status200OK, "application/json");
        api.MapGet("/platforms/{platform}", PlatformAsync).WithName("GetPlatform").WithSummary("A platform and its documents")
            .Produces<PlatformDetailJson>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/documents/{platform}/{type}", DocumentAsync).WithName("GetDocument").WithSummary("A document and its versions")
            .Produces<DocumentDetailJson>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/documents/{platform}/{type}/versions/{sequence:long}", VersionAsync).WithName("GetVersion").WithSummary("A version's evidence")
            .Produces<VersionEvidenceJson>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/documents/{platform}/{type}/versions/{sequence:long}/text", TextAsync).WithName("GetVersionText").WithSummary("A version's normalized text (Markdown)")
            .Produces<string>(StatusCodes.Status200OK, "text/markdown").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/documents/{platform}/{type}/diff", DiffAsync).WithName("GetDiff").WithSummary("The comparison of two versions (from and to are version numbers or latest)")
            .Produces<DiffJson>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> PlatformsAsync(ArchiveReader reader, PublicSite site, CancellationToken ct)
    {
        var platforms = await reader.PlatformsAsync(ct);
        return ApiResults.Ok(platforms.Select(p => new PlatformJson(p.Slug, p.Name, p.Documents.Count, p.Documents.Max(d => d.LastChangedAt),
            site.Url(PublicSite.PlatformPath(p.Slug)).AbsoluteUri, site.Url($"/api/platforms/{p.Slug}").AbsoluteUri)).ToList());
    }

    private static async Task<IResult> PlatformAsync(string platform, ArchiveReader reader, PublicSite site, CancellationToken ct)
    {
        var found = await reader.PlatformAsync(platform, ct);
        return found is null ? ApiResults.NotFound((await NearestPage.PlatformMissAsync(reader, platform, ct)).Detail)
            : ApiResults.Ok(new PlatformDetailJson(found.Slug, found.Name, found.Documents.Select(d => Document(d, site)).ToList()));
    }

    private static async Task<IResult> DocumentAsync(string platform, string type, ArchiveReader reader, PublicSite site, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(platform, type, ct);
        if (document is null) return ApiResults.NotFound((await NearestPage.DocumentMissAsync(reader, platform, type, ct)).Detail);
        var versions = await reader.VersionsAsync(document.Id, ct);
        return ApiResults.Ok(new DocumentDetailJson(Document(document, site), versions.Select(v =>
        {
            var summary = ArchiveReader.SummaryOf(v);
            return new VersionJson(v.Sequence, v.CapturedAt, v.TextSha256, v.ChainHash, Describe(v, summary), summary?.Topics ?? [],
                site.VersionUrl(document.Id, v.Sequence).AbsoluteUri, site.Url($"/api/documents/{document.Id}/versions/{v.Sequence}").AbsoluteUri);
        }).ToList()));
    }

    private static async Task<IResult> VersionAsync(string platform, string type, long sequence, ArchiveReader reader, PublicSite site, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(platform, type, ct);
        var version = document is null ? null : await reader.VersionAsync(document.Id, sequence, ct);
        if (document is null || version is null) return ApiResults.NotFound((await NearestPage.VersionMissAsync(reader, platform, type, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), ct)).Detail);
        var summary = ArchiveReader.SummaryOf(version);
        var path = PublicSite.VersionPath(document.Id, sequence);
        var page = site.VersionUrl(document.Id, sequence);
        return ApiResults.Ok(new VersionEvidenceJson(document.Id.ToString(), sequence, version.CapturedAt, Citation.SourceOf(document, version), version.TextSha256,
            version.RawSha256, version.ChainHash, version.PreviousChainHash, version.PreviousTextSha256, version.Origin, Describe(version, summary), summary?.Topics ?? [],
            version.RawSources().Select((r, i) => new RawSourceJson(r.Url, r.MediaType, r.Sha256, site.Url($"{path}/raw/{i + 1}").AbsoluteUri)).ToList(),
            site.Url($"{path}/text.md").AbsoluteUri, page.AbsoluteUri, Citation.Line(document, version, page)));
    }

    private static async Task<IResult> TextAsync(string platform, string type, long sequence, ArchiveReader reader, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(platform, type, ct);
        var version = document is null ? null : await reader.VersionAsync(document.Id, sequence, ct);
        if (version is null) return ApiResults.NotFound((await NearestPage.VersionMissAsync(reader, platform, type, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), ct)).Detail);
        return CachedContent.Text(await reader.TextAsync(version, ct), "text/markdown; charset=utf-8", CachePolicies.Immutable);
    }

    private static async Task<IResult> DiffAsync(string platform, string type, string? from, string? to, ArchiveReader reader, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(platform, type, ct);
        if (document is null) return ApiResults.NotFound((await NearestPage.DocumentMissAsync(reader, platform, type, ct)).Detail);
        long? Read(string? text) => string.IsNullOrWhiteSpace(text) ? null : NearestPage.Sequence(text.Trim(), document) ?? -1;
        var (toAsked, fromAsked) = (Read(to), Read(from));
        if (toAsked == -1 || fromAsked == -1)
            return Results.Problem($"from and to are version numbers (1 to {document.VersionCount}) or latest; '{(toAsked == -1 ? to : from)}' is neither",
                statusCode: StatusCodes.Status400BadRequest, title: "Not a version");
        var newer = toAsked ?? document.VersionCount;
        var older = fromAsked ?? Math.Max(1, newer - 1);
        if (older > newer) (older, newer) = (newer, older);
        var a = await reader.VersionAsync(document.Id, older, ct);
        var b = await reader.VersionAsync(document.Id, newer, ct);
        if (a is null || b is null) return ApiResults.NotFound($"'{document.Id}' has versions 1 to {document.VersionCount}");
        var diff = await reader.CompareAsync(a, b, ct);
        return ApiResults.Ok(new DiffJson(document.Id.ToString(), older, newer, diff.Summary.Describe(), diff.Summary.WordsAdded, diff.Summary.WordsRemoved, diff.Summary.Topics,
            diff.Sections.Select(s => new SectionDiffJson(s.Change.Kind.ToString().ToLowerInvariant(), s.Change.FullPath, s.Change.PreviousTitle, s.Change.WordsAdded,
                s.Change.WordsRemoved, s.Change.Topics, s.Hunks.Select(h => (IReadOnlyList<SegmentJson>)h.Segments.Select(g => new SegmentJson(g.Kind switch
                {
                    SegmentKind.Inserted => "ins",
                    SegmentKind.Deleted => "del",
                    _ => "same",
                }, g.Text)).ToList()).ToList())).ToList()));
    }

    private static DocumentJson Document(DocumentRecord d, PublicSite site) => new(d.Id.ToString(), d.PartitionKey, d.PlatformName, d.TermsType, d.SourceUrls,
        d.VersionCount, d.LastCheckedAt, d.LastChangedAt, d.ConsecutiveFailures, d.FailingSince, d.LastError,
        site.Url(PublicSite.DocumentPath(d.Id)).AbsoluteUri, site.Url($"/api/documents/{d.Id}").AbsoluteUri);

    private static string Describe(VersionRecord version, ChangeSummary? summary) =>
        version.Sequence == 1 ? "First version: tracking starts" : summary?.Describe() ?? "Changed (no summary recorded)";

}
