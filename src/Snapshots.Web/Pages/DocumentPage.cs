using Snapshots.Catalog;
using Microsoft.AspNetCore.Http;
using Snapshots.Changes;
using Snapshots.Email;
using Snapshots.Provisions;
using Snapshots.Web.Http;

namespace Snapshots.Web.Pages;

/// <summary>
/// <c>/platforms/{platform}/{type}</c>: the document's timeline, newest first, with each change's section summary and topics,
/// its checking state told as it is ("last checked", "failing since" with the last error), and the latest version's
/// provisions by clause type, the most severe first.
/// </summary>
public static class DocumentPage
{
    public sealed record View(string PlatformName, string PlatformHref, string TermsType, string Id, IReadOnlyList<Link> Sources,
        string FirstTracked, string LastChecked, string LastCheckedIso, string LastChanged, Failure? Failure,
        IReadOnlyList<VersionRow> Versions, HtmlFragment? Pager, long Latest, long DefaultFrom, long DefaultTo, string CompareAction, string FeedHref,
        ProvisionsByType? Provisions);

    /// <summary>Versions on one page of the timeline, newest first (<c>?page=N</c>).</summary>
    public const int VersionsPerPage = 50;

    public sealed record Link(string Text, string? Href);

    public sealed record Failure(string Since, string Checks, string LastError);

    public sealed record VersionRow(long Sequence, string Href, string CapturedAt, string CapturedIso, string Summary, IReadOnlyList<string> Topics,
        IReadOnlyList<string> Sections, string Origin, string? CompareHref)
    {
        /// <summary>The change's severity as alerts give it; null for a first version.</summary>
        public VersionSeverity.Shown? Severity { get; init; }
    }

    public static async Task<IResult> HandleAsync(string platform, string type, string? page, ArchiveReader reader, ProvisionReader provisions, PageTemplates templates,
        TopicClassifier topics, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(platform, type, ct);
        if (document is null) return await NearestPage.DocumentAsync(reader, templates, platform, type, ct);
        var versions = await reader.VersionsAsync(document.Id, ct);
        var paging = Paging.Of(versions.Count, VersionsPerPage, page);
        var rows = paging.Of(versions.OrderByDescending(v => v.Sequence)).Select(v =>
        {
            var summary = ArchiveReader.SummaryOf(v);
            var sections = (summary?.Sections ?? []).Take(8).Select(s => $"{s.Kind}: {s.FullPath}").ToList();
            return new VersionRow(v.Sequence, PublicSite.VersionPath(document.Id, v.Sequence), WebFormat.Time(v.CapturedAt), WebFormat.Machine(v.CapturedAt),
                v.Sequence == 1 ? "First version: tracking starts" : summary?.Describe() ?? "Changed (no summary recorded)",
                DiffView.Labels(topics, summary?.Topics ?? []), sections, v.Origin == "import" ? "imported from saved captures" : "",
                v.Sequence > 1 ? PublicSite.ComparePath(document.Id, v.Sequence - 1, v.Sequence) : null) { Severity = VersionSeverity.Of(v, topics.Catalog) };
        }).ToList();
        var failure = document.ConsecutiveFailures > 0
            ? new Failure(WebFormat.Time(document.FailingSince), WebFormat.Count(document.ConsecutiveFailures, "failed check"), document.LastError ?? "(no error recorded)")
            : null;
        var latest = versions.Count == 0 ? 0 : versions[^1].Sequence;
        var provisioned = latest == 0 ? null : await provisions.VersionAsync(document, latest, ct);
        var view = new View(document.PlatformName, PublicSite.PlatformPath(document.PartitionKey), document.TermsType, document.Id.ToString(),
            document.SourceUrls.Select(u => new Link(u, SourceLink.Href(u))).ToList(),
            WebFormat.Time(document.FirstTrackedAt), WebFormat.Time(document.LastCheckedAt), WebFormat.Machine(document.LastCheckedAt),
            WebFormat.Time(document.LastChangedAt), failure, rows,
            paging.Nav(templates, "Pages of versions", n => $"{PublicSite.DocumentPath(document.Id)}?page={n}#timeline"), latest,
            Math.Max(1, latest - 1), latest, $"{PublicSite.DocumentPath(document.Id)}/compare", $"{PublicSite.DocumentPath(document.Id)}/feed.atom",
            provisioned is null ? null : ProvisionsByType.Of(provisioned, provisions.Catalog));
        var html = templates.Page("document", view, new PageLayout($"{document.PlatformName}: {document.TermsType}",
            [new Crumb("Platforms", "/"), new Crumb(document.PlatformName, view.PlatformHref), new Crumb(document.TermsType, null)],
            view.FeedHref, $"Changes to {document.PlatformName}'s {document.TermsType}"));
        return CachedContent.Html(html);
    }
}
