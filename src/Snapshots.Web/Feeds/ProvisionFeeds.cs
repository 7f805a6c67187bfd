using Snapshots.Text;
using System.ServiceModel.Syndication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Provisions;
using Snapshots.Web.Pages;

namespace Snapshots.Web.Feeds;

/// <summary>
/// Atom feeds of provisions: one provision's changes (<c>…/provisions/{slug}/feed.atom</c>, one entry per version that changed
/// it) and the changes to provisions of one clause type on every platform (<c>/clause-types/{typeId}/feed.atom</c>, the last
/// <see cref="ClauseTypeWindowDays"/> days, at most <see cref="ChangeFeeds.MaxEntries"/> entries). An entry's link and id are the
/// change's place in the provision's history (<c>…/provisions/{slug}#change-{n}</c>), the same in both feeds.
/// </summary>
public static class ProvisionFeeds
{
    public const int ClauseTypeWindowDays = 90;

    public static async Task<IResult> ProvisionAsync(string platform, string type, string slug, ArchiveReader reader, ProvisionReader provisions,
        PublicSite site, PageTemplates templates, ILoggerFactory loggers, CancellationToken ct)
    {
        var (history, notFound) = await ProvisionLookup.FindAsync(platform, type, slug, reader, provisions, templates, ct);
        if (history is null) return notFound!;
        var document = history.Document;
        var name = ProvisionText.Name(history.Current, provisions.Catalog);
        var log = loggers.CreateLogger(AtomFeed.LogCategory);
        var entries = AtomFeed.Entries(history.Changes.Reverse().Take(ChangeFeeds.MaxEntries),
            c => Entry(site, provisions.Catalog, document, history.Slug, history.Current, c.Version, c.Event, c.Before, c.After),
            c => $"{document.Id}/{history.Slug} version {c.Version.Sequence}", log);
        return AtomFeed.Result(site, $"{document.PlatformName}: {document.TermsType}, {name}",
            "Every recorded change to this provision, with its text before and after.",
            ProvisionPaths.ProvisionFeed(document.Id, history.Slug), ProvisionPaths.Provision(document.Id, history.Slug), entries, log);
    }

    public static async Task<IResult> ClauseTypeAsync(string typeId, ArchiveReader reader, ProvisionReader provisions, PublicSite site,
        PageTemplates templates, ILoggerFactory loggers, CancellationToken ct)
    {
        var type = provisions.Catalog.Find(typeId);
        if (type is null) return ClauseTypePage.NotFound(templates, typeId);
        var changes = await ClauseTypeChanges.RecentAsync(reader, provisions, type.Id, reader.Now.AddDays(-ClauseTypeWindowDays), ChangeFeeds.MaxEntries, ct);
        var log = loggers.CreateLogger(AtomFeed.LogCategory);
        var entries = AtomFeed.Entries(changes, c => Entry(site, provisions.Catalog, c.Document, c.Provision.Slug, c.Provision, c.Version, c.Event, c.Before?.Text, c.After?.Text),
            c => $"{c.Document.Id}/{c.Provision.Slug} version {c.Version.Sequence}", log);
        return AtomFeed.Result(site, $"Clause type: {type.Name}",
            $"Changes to provisions of this type on every tracked platform, in the last {ClauseTypeWindowDays} days.",
            ProvisionPaths.ClauseTypeFeed(type.Id), ProvisionPaths.ClauseType(type.Id), entries, log);
    }

    private static SyndicationItem Entry(PublicSite site, ClauseTypeCatalog catalog, DocumentRecord document, string slug, ClassifiedProvision provision,
        VersionRecord version, ProvisionEvent e, string? before, string? after)
    {
        var what = e.Kind == ProvisionEventKind.Added && version.Sequence == 1 ? "first recorded" : e.Kind.ToString().ToLowerInvariant();
        var title = $"{document.PlatformName} {document.TermsType}: {ProvisionText.Name(provision, catalog)} {what}";
        var summary = $"Version {version.Sequence}, captured {WebFormat.Exact(version.CapturedAt)}: {what}.";
        if (before is not null && after is not null) summary += $" Before: \u201c{before}\u201d After: \u201c{after}\u201d";
        else if (after is not null) summary += $" Text: \u201c{after}\u201d";
        else if (before is not null) summary += $" Removed text: \u201c{before}\u201d";
        if (after is not null) summary += $" Provision SHA-256 {Sha256Hex.Of(after)}, version SHA-256 {version.TextSha256}.";
        var url = site.Url(ProvisionPaths.Change(document.Id, slug, version.Sequence));
        return AtomFeed.Entry(title, summary, url, url.AbsoluteUri, version.CapturedAt, provision.Types.Select(t => catalog.NameOf(t.TypeId)));
    }
}
