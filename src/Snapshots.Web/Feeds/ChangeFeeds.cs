using System.ServiceModel.Syndication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Feeds;

/// <summary>
/// Atom 1.0 feeds of recorded versions: every platform (<c>/feeds/all.atom</c>), one platform (<c>/platforms/{p}/feed.atom</c>)
/// and one document (<c>/platforms/{p}/{t}/feed.atom</c>). Each entry has the change's summary, its topics as categories, and
/// the version page as its link and id (a permanent address). Newest first, at most <see cref="MaxEntries"/>: the documents are
/// read newest change first and reading stops once no other document can hold a newer entry, so a feed of 10,000 platforms reads
/// the versions of about <see cref="MaxEntries"/> documents, not of all of them.
/// </summary>
public static class ChangeFeeds
{
    public const int MaxEntries = 100;

    public static async Task<IResult> AllAsync(ArchiveReader reader, PublicSite site, TopicClassifier topics, ILoggerFactory loggers, CancellationToken ct)
    {
        var documents = (await reader.PlatformsAsync(ct)).SelectMany(p => p.Documents).ToList();
        return await FeedAsync(reader, site, topics, documents, "Snapshots: every recorded change", "/feeds/all.atom", "/", loggers, ct);
    }

    public static async Task<IResult> PlatformAsync(string platform, ArchiveReader reader, PublicSite site, TopicClassifier topics, ILoggerFactory loggers, CancellationToken ct)
    {
        var found = await reader.PlatformAsync(platform, ct);
        if (found is null) return Results.NotFound();
        return await FeedAsync(reader, site, topics, found.Documents, $"{found.Name}: changes to its documents",
            $"{PublicSite.PlatformPath(found.Slug)}/feed.atom", PublicSite.PlatformPath(found.Slug), loggers, ct);
    }

    public static async Task<IResult> DocumentAsync(string platform, string type, ArchiveReader reader, PublicSite site, TopicClassifier topics,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(platform, type, ct);
        if (document is null) return Results.NotFound();
        return await FeedAsync(reader, site, topics, [document], $"{document.PlatformName}: {document.TermsType}",
            $"{PublicSite.DocumentPath(document.Id)}/feed.atom", PublicSite.DocumentPath(document.Id), loggers, ct);
    }

    private static async Task<IResult> FeedAsync(ArchiveReader reader, PublicSite site, TopicClassifier topics, IReadOnlyList<DocumentRecord> documents,
        string title, string selfPath, string alternatePath, ILoggerFactory loggers, CancellationToken ct)
    {
        var newest = await NewestAsync(reader, documents, ct);
        var log = loggers.CreateLogger(AtomFeed.LogCategory);
        return AtomFeed.Result(site, title, "Versions of legal documents recorded by Snapshots, with what changed.", selfPath, alternatePath,
            AtomFeed.Entries(newest, e => Entry(site, topics, e.Document, e.Version), e => $"{e.Document.Id} version {e.Version.Sequence}", log), log);
    }

    /// <summary>
    /// The <see cref="MaxEntries"/> newest versions of <paramref name="documents"/>. A document's last change is its newest
    /// version's capture time, so documents are read newest change first, only their versions since the oldest entry kept once
    /// the feed is full, and not at all once a document's last change is older than that.
    /// </summary>
    private static async Task<List<(DocumentRecord Document, VersionRecord Version)>> NewestAsync(ArchiveReader reader, IReadOnlyList<DocumentRecord> documents,
        CancellationToken ct)
    {
        var entries = new List<(DocumentRecord Document, VersionRecord Version)>();
        foreach (var document in documents.Where(d => d.VersionCount > 0).OrderByDescending(d => d.LastChangedAt ?? DateTimeOffset.MaxValue))
        {
            DateTimeOffset? cutoff = entries.Count < MaxEntries ? null : entries[MaxEntries - 1].Version.CapturedAt;
            if (cutoff is { } oldest && document.LastChangedAt < oldest) break;
            var versions = cutoff is { } since ? await reader.VersionsSinceAsync(document.Id, since, ct) : await reader.VersionsAsync(document.Id, ct);
            entries.AddRange(versions.Select(v => (document, v)));
            entries = Ordered(entries).Take(MaxEntries).ToList();
        }
        return entries;
    }

    private static IEnumerable<(DocumentRecord Document, VersionRecord Version)> Ordered(IEnumerable<(DocumentRecord Document, VersionRecord Version)> entries) =>
        entries.OrderByDescending(e => e.Version.CapturedAt).ThenBy(e => e.Document.Id.ToString(), StringComparer.Ordinal).ThenByDescending(e => e.Version.Sequence);

    private static SyndicationItem Entry(PublicSite site, TopicClassifier topics, DocumentRecord document, VersionRecord version)
    {
        var summary = ArchiveReader.SummaryOf(version);
        var labels = DiffView.Labels(topics, summary?.Topics ?? []);
        var url = site.VersionUrl(document.Id, version.Sequence);
        var heading = version.Sequence == 1
            ? $"{document.PlatformName}: {document.TermsType}, first version"
            : $"{document.PlatformName} changed its {document.TermsType}{(labels.Count > 0 ? " \u2014 " + string.Join(", ", labels) : "")}";
        var severity = VersionSeverity.Of(version, topics.Catalog);
        if (severity is not null) heading = $"[{severity.Level}] {heading}";
        var text = version.Sequence == 1 ? "First version: tracking starts." : summary?.Describe() ?? "Changed (no summary recorded).";
        if (severity is not null) text += $" {severity.Line}.";
        if (labels.Count > 0) text += $" Topics: {string.Join(", ", labels)}.";
        text += $" Captured {WebFormat.Exact(version.CapturedAt)}, SHA-256 {version.TextSha256}.";
        return AtomFeed.Entry(heading, text, url, url.AbsoluteUri, version.CapturedAt, labels);
    }
}
