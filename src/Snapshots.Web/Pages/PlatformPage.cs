using Microsoft.AspNetCore.Http;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Provisions;
using Snapshots.Web.Http;

namespace Snapshots.Web.Pages;

/// <summary>
/// <c>/platforms/{platform}</c>: the platform's documents, its last change, its changes in the last 30 days and the topics they
/// touched, and each document's latest provisions counted by severity with its high-severity clause types.
/// </summary>
public static class PlatformPage
{
    public const int RecentDays = 30;
    /// <summary>The newest changes listed (the line above them counts them all; each document's page has every version).</summary>
    public const int RecentShown = 100;

    public sealed record View(string Name, string Slug, string FeedHref, string LastChanged, string LastChangedIso, string RecentLine,
        IReadOnlyList<string> Topics, IReadOnlyList<RecentChange> Recent, IReadOnlyList<DocumentRow> Documents, IReadOnlyList<DocumentProvisions> Provisions);

    public sealed record DocumentRow(string Title, string Href, string Versions, string LastChanged, string LastChangedIso, string LastChecked, bool Failing, string Status);

    /// <summary>A document's latest provisions counted by severity, with its high-severity clause types; Summary says when none are built.</summary>
    public sealed record DocumentProvisions(string Title, string Href, string Summary, IReadOnlyList<ProvisionsByType.Group> HighTypes);

    public sealed record RecentChange(string Document, string Href, string CapturedAt, string CapturedIso, string Summary, IReadOnlyList<string> Topics)
    {
        /// <summary>The change's severity as alerts give it.</summary>
        public VersionSeverity.Shown? Severity { get; init; }
    }

    public static async Task<IResult> HandleAsync(string platform, ArchiveReader reader, ProvisionReader provisions, PageTemplates templates,
        TopicClassifier topics, CancellationToken ct)
    {
        var found = await reader.PlatformAsync(platform, ct);
        if (found is null) return await NearestPage.PlatformAsync(reader, templates, platform, ct);
        var since = reader.Now.AddDays(-RecentDays);
        var recent = new List<(DocumentRecord Document, VersionRecord Version)>();
        foreach (var document in found.Documents)
            foreach (var version in await reader.VersionsSinceAsync(document.Id, since, ct))
                if (version.Sequence > 1) recent.Add((document, version));
        recent = recent.OrderByDescending(r => r.Version.CapturedAt).ToList();
        var summaries = recent.Select(r => ArchiveReader.SummaryOf(r.Version)).ToList();
        var more = recent.Count > RecentShown ? $" The newest {RecentShown} are listed below; each document's page has every version." : "";
        var touched = DiffView.Labels(topics, summaries.SelectMany(s => s?.Topics ?? []));
        var lastChanged = found.Documents.Max(d => d.LastChangedAt);

        var view = new View(found.Name, found.Slug, $"{PublicSite.PlatformPath(found.Slug)}/feed.atom",
            WebFormat.Time(lastChanged), WebFormat.Machine(lastChanged),
            $"{found.Name} recorded {WebFormat.Count(recent.Count, "documented change")} in the last {RecentDays} days.{more}",
            touched,
            recent.Take(RecentShown).Select((r, i) => new RecentChange(r.Document.TermsType, PublicSite.VersionPath(r.Document.Id, r.Version.Sequence),
                WebFormat.Time(r.Version.CapturedAt), WebFormat.Machine(r.Version.CapturedAt), summaries[i]?.Describe() ?? "Changed (no summary recorded)",
                DiffView.Labels(topics, summaries[i]?.Topics ?? [])) { Severity = VersionSeverity.Of(r.Version, topics.Catalog) }).ToList(),
            found.Documents.OrderBy(d => d.TermsType, StringComparer.OrdinalIgnoreCase).Select(Row).ToList(),
            await ProvisionsAsync(found.Documents, provisions, ct));
        var html = templates.Page("platform", view, new PageLayout(found.Name, [new Crumb("Platforms", "/"), new Crumb(found.Name, null)],
            view.FeedHref, $"Changes to {found.Name}'s documents"));
        return CachedContent.Html(html);
    }

    private static async Task<IReadOnlyList<DocumentProvisions>> ProvisionsAsync(IReadOnlyList<DocumentRecord> documents, ProvisionReader provisions, CancellationToken ct)
    {
        var rows = new List<DocumentProvisions>();
        foreach (var document in documents.OrderBy(d => d.TermsType, StringComparer.OrdinalIgnoreCase))
        {
            var href = PublicSite.DocumentPath(document.Id) + "#provisions";
            var latest = document.VersionCount == 0 ? null : await provisions.VersionAsync(document, document.VersionCount, ct);
            if (latest is null) { rows.Add(new DocumentProvisions(document.TermsType, href, "Provisions not built yet", [])); continue; }
            var grouped = ProvisionsByType.Of(latest, provisions.Catalog);
            rows.Add(new DocumentProvisions(document.TermsType, href, grouped.CountLine, grouped.Groups.Where(g => g.Severity == "high").ToList()));
        }
        return rows;
    }

    private static DocumentRow Row(DocumentRecord d) => new(d.TermsType, PublicSite.DocumentPath(d.Id), WebFormat.Count(d.VersionCount, "version"),
        WebFormat.Time(d.LastChangedAt), WebFormat.Machine(d.LastChangedAt), WebFormat.Time(d.LastCheckedAt), d.ConsecutiveFailures > 0,
        d.ConsecutiveFailures > 0 ? $"Failing since {WebFormat.Time(d.FailingSince)} ({WebFormat.Count(d.ConsecutiveFailures, "failed check")})" : "Checked");
}
