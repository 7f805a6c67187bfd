using Snapshots.Catalog;
using Snapshots.Text;
using Microsoft.AspNetCore.Http;
using Snapshots.Changes;
using Snapshots.Provisions;
using Snapshots.Web.Http;

namespace Snapshots.Web.Pages;

/// <summary>
/// <c>/platforms/{platform}/{type}/provisions/{slug}</c>: one provision, for good (a removed one's page says when it went). Its
/// original language quoted with the words that gave its clause types marked, its evidence (version, capture time, SHA-256 of
/// the provision and of the version, chain hash), its clause types with what each is and the law it engages, how often it
/// changed, its own history with word diffs, and how other platforms handle the same types.
/// </summary>
public static class ProvisionPage
{
    /// <summary>How many provisions of one type on other platforms the page lists (the clause type's page lists them all).</summary>
    public const int OthersShown = 12;

    public sealed record View(string PlatformName, string PlatformHref, string PlatformSlug, string TermsType, string DocumentHref, string Name,
        string Slug, string Id, string Kind, string Path, string? RemovedLine, IReadOnlyList<QuotedPart> Quote, Evidence Evidence,
        IReadOnlyList<TypeView> Types, string ChangedLine, IReadOnlyList<ChangeView> History, IReadOnlyList<Comparison> Others,
        string FeedHref, string ApiHref, string? FollowHref);

    public sealed record Evidence(long Sequence, string VersionHref, string TextHref, string CapturedAt, string CapturedIso, string ProvisionSha256,
        string VersionSha256, string ChainHash, string Range, string PermanentUrl);

    public sealed record TypeView(string Name, string Href, string Severity, string Confidence, string? Guard, IReadOnlyList<string> Words,
        string WhatItIs, IReadOnlyList<string> Regulations);

    public sealed record ChangeView(long Sequence, string Anchor, string VersionHref, string CapturedAt, string CapturedIso, string Event,
        IReadOnlyList<SegmentView>? Words, string? Sha256);

    public sealed record Comparison(string TypeName, string TypeHref, string CountLine, IReadOnlyList<OtherProvision> Provisions, int NotShown);

    public sealed record OtherProvision(string PlatformName, string PlatformHref, string Document, string Href, string Title, IReadOnlyList<TextRun> Excerpt, string Severity);

    public static async Task<IResult> HandleAsync(string platform, string type, string slug, ArchiveReader reader, ProvisionReader provisions,
        PublicSite site, PageTemplates templates, CancellationToken ct)
    {
        var (history, notFound) = await ProvisionLookup.FindAsync(platform, type, slug, reader, provisions, templates, ct);
        if (history is null) return notFound!;
        var document = history.Document;
        if (history.Slug != slug) return Results.Redirect(ProvisionPaths.Provision(document.Id, history.Slug), permanent: true);

        var catalog = provisions.Catalog;
        var current = history.Current;
        var version = history.Latest.Version;
        var id = document.Id;
        var permanent = site.Url(ProvisionPaths.Provision(id, history.Slug)).AbsoluteUri;
        var across = current.Types.Count == 0 ? [] : await provisions.AcrossPlatformsAsync(current.Types.Select(t => t.TypeId).ToList(), ct);

        var view = new View(document.PlatformName, PublicSite.PlatformPath(id.Platform), id.Platform, document.TermsType, PublicSite.DocumentPath(id),
            ProvisionText.Name(current, catalog), history.Slug, history.Id, ProvisionText.Kind(current.Provision.Kind), current.Provision.Path,
            history.Removed ? RemovedLine(history) : null,
            ProvisionText.Quote(current, catalog),
            new Evidence(version.Sequence, PublicSite.VersionPath(id, version.Sequence), $"{PublicSite.VersionPath(id, version.Sequence)}/text.md",
                WebFormat.Exact(version.CapturedAt), WebFormat.Machine(version.CapturedAt), current.Provision.Sha256, version.TextSha256, version.ChainHash,
                $"offset {current.Provision.Range.Start}, length {current.Provision.Range.Length}, in the version's text", permanent),
            current.Types.Select(t => Type(catalog, t)).ToList(),
            ChangedLine(history),
            history.Changes.Reverse().Select(c => Change(history, c)).ToList(),
            across.Select(a => Compare(a, id.Platform, catalog)).ToList(),
            ProvisionPaths.ProvisionFeed(id, history.Slug), ProvisionPaths.ProvisionApi(id, history.Slug),
            history.Removed ? null : Subscriptions.SignUpPage.FollowHref(new Subscribers.FollowedProvision(id, history.Slug).ToString()));
        var html = templates.Page("provision", view, new PageLayout($"{document.PlatformName}: {document.TermsType}, {view.Name}",
            [new Crumb("Platforms", "/"), new Crumb(document.PlatformName, view.PlatformHref), new Crumb(document.TermsType, view.DocumentHref),
             new Crumb(view.Name, null)], view.FeedHref, $"Changes to this provision of {document.PlatformName}'s {document.TermsType}", permanent));
        return CachedContent.Html(html);
    }

    /// <summary>"This provision changed 2 times since 2026-01-03 10:00 UTC, last on …", or that it has not changed.</summary>
    public static string ChangedLine(ProvisionHistory history)
    {
        if (history.Changes.Count == 0) return "No change to this provision is recorded.";
        var first = history.Changes[0].Version;
        var edits = history.Edits.ToList();
        if (edits.Count > 0)
            return $"This provision changed {WebFormat.Count(edits.Count, "time")} since {WebFormat.Time(first.CapturedAt)}, last on {WebFormat.Time(edits[^1].Version.CapturedAt)}.";
        return first.Sequence == 1
            ? $"This provision has not changed since tracking began ({WebFormat.Time(first.CapturedAt)})."
            : $"This provision has not changed since it appeared in version {first.Sequence} ({WebFormat.Time(first.CapturedAt)}).";
    }

    /// <summary>The version that removed it, null when it was not: the removal in its history, else the one after the last that had it (a merge).</summary>
    public static long? RemovedIn(ProvisionHistory history) =>
        !history.Removed ? null : history.Changes.LastOrDefault(c => c.After is null)?.Version.Sequence ?? history.Latest.Version.Sequence + 1;

    private static string RemovedLine(ProvisionHistory history)
    {
        var removedIn = RemovedIn(history);
        var removal = history.Changes.FirstOrDefault(c => c.Version.Sequence == removedIn)?.Version;
        var when = removal is null ? "" : $" ({WebFormat.Time(removal.CapturedAt)})";
        return $"This provision was removed in version {removedIn}{when}. Its text below is quoted from version {history.Latest.Version.Sequence}, the last version that had it.";
    }

    private static TypeView Type(ClauseTypeCatalog catalog, ClauseMatch match)
    {
        var type = catalog.Find(match.TypeId);
        var guard = match.Guard switch
        {
            ClauseGuard.Negated => $"Negated language of \u201c{catalog.NameOf(match.DerivedFrom ?? "")}\u201d",
            ClauseGuard.CarvedOut => $"An exception to \u201c{catalog.NameOf(match.DerivedFrom ?? "")}\u201d",
            _ => null,
        };
        return new TypeView(type?.Name ?? match.TypeId, ProvisionPaths.ClauseType(match.TypeId), ProvisionText.Severity(match.Severity),
            ProvisionText.Confidence(match.Confidence), guard,
            match.Evidence.Select(e => $"\u201c{e.Words}\u201d ({e.Role}{(e.InContext ? ", in its lead-in or header" : "")})").ToList(),
            type?.WhatItIs ?? "", type?.Regulations ?? []);
    }

    private static ChangeView Change(ProvisionHistory history, ProvisionChange change)
    {
        var e = change.Event;
        var version = change.Version;
        var what = e.Kind switch
        {
            ProvisionEventKind.Added when version.Sequence == 1 => "First version: tracking starts",
            ProvisionEventKind.Split => $"Split into {e.CurrentIds.Count} provisions; this one kept its identity",
            ProvisionEventKind.Merged => $"Merged from {e.PreviousIds.Count} provisions",
            _ => e.Kind.ToString(),
        };
        if (e.Kind != ProvisionEventKind.Added && e.Moved) what += ", moved";
        if (e.Kind != ProvisionEventKind.Added && e.Renumbered) what += ", renumbered";
        IReadOnlyList<InlineSegment>? words = version.Sequence == 1 ? null
            : change.Before is null ? [new InlineSegment(SegmentKind.Inserted, change.After ?? "")]
            : change.After is null ? [new InlineSegment(SegmentKind.Deleted, change.Before)]
            : WordDiff.CompareWords(change.Before, change.After);
        return new ChangeView(version.Sequence, $"change-{version.Sequence}", PublicSite.VersionPath(history.Document.Id, version.Sequence),
            WebFormat.Time(version.CapturedAt), WebFormat.Machine(version.CapturedAt), what, words?.Select(DiffView.Segment).ToList(),
            change.After is null ? null : Sha256Hex.Of(change.After));
    }

    private static Comparison Compare(ClauseTypeAcrossPlatforms across, string platform, ClauseTypeCatalog catalog)
    {
        var others = across.Provisions.Where(p => p.Platform != platform).ToList();
        var line = across.AmongOthers(platform).Of == 0 ? "no other platform is tracked yet" : across.Describe(platform);
        return new Comparison(catalog.NameOf(across.TypeId), ProvisionPaths.ClauseType(across.TypeId), line,
            others.Take(OthersShown).Select(o => new OtherProvision(o.Version.Document.PlatformName, PublicSite.PlatformPath(o.Platform), o.Version.Document.TermsType,
                ProvisionPaths.Provision(o.Version.Document.Id, o.Provision.Slug), ProvisionText.Title(o.Provision),
                ProvisionText.Excerpt(o.Provision, catalog, across.TypeId), ProvisionText.Severity(o.Provision.Types.First(t => t.TypeId == across.TypeId).Severity))).ToList(),
            Math.Max(0, others.Count - OthersShown));
    }
}
