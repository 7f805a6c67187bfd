using Snapshots.Catalog;
using Microsoft.AspNetCore.Http;
using Snapshots.Changes;
using Snapshots.Web.Http;

namespace Snapshots.Web.Pages;

/// <summary><c>/platforms/{platform}/{type}/compare?from=A&amp;to=B</c>: any two versions, section summary and word-level diff.</summary>
public static class ComparePage
{
    public sealed record View(string PlatformName, string PlatformHref, string TermsType, string DocumentHref, long From, long To,
        string FromHref, string ToHref, string FromCaptured, string ToCaptured, HtmlFragment Diff, bool Same, long Latest, string Action);

    public static async Task<IResult> HandleAsync(string platform, string type, string? from, string? to, string? part, ArchiveReader reader,
        PageTemplates templates, TopicClassifier topics, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(platform, type, ct);
        if (document is null) return await NearestPage.DocumentAsync(reader, templates, platform, type, ct);
        var id = document.Id;
        var latest = document.VersionCount;
        if (!TryVersion(to, latest, latest, out var toSequence) || !TryVersion(from, Math.Max(1, toSequence - 1), latest, out var fromSequence))
            return NotFoundPage.Result(templates, "Choose two versions by number (or latest): compare?from=1&to=2.", null,
                [new NotFoundPage.Link($"Every version of {document.PlatformName}'s {document.TermsType}", PublicSite.DocumentPath(id))]);
        if (fromSequence > toSequence) (fromSequence, toSequence) = (toSequence, fromSequence);
        var older = await reader.VersionAsync(id, fromSequence, ct);
        var newer = await reader.VersionAsync(id, toSequence, ct);
        if (older is null || newer is null) return NotFoundPage.Result(templates, $"'{platform}/{type}' has versions 1 to {latest}; there is no version {(older is null ? fromSequence : toSequence)}.");
        var diff = DiffView.Render(templates, await reader.CompareAsync(older, newer, ct), topics, part,
            n => $"{PublicSite.ComparePath(id, fromSequence, toSequence)}&part={n}#changes");
        // The form asks for version numbers, not a list of every version: a document may have thousands.
        var view = new View(document.PlatformName, PublicSite.PlatformPath(id.Platform), document.TermsType, PublicSite.DocumentPath(id),
            fromSequence, toSequence, PublicSite.VersionPath(id, fromSequence), PublicSite.VersionPath(id, toSequence),
            WebFormat.Time(older.CapturedAt), WebFormat.Time(newer.CapturedAt), diff, older.TextSha256 == newer.TextSha256,
            Math.Max(latest, toSequence), $"{PublicSite.DocumentPath(id)}/compare");
        var html = templates.Page("compare", view, new PageLayout($"{document.PlatformName}: {document.TermsType}, version {fromSequence} to {toSequence}",
            [new Crumb("Platforms", "/"), new Crumb(document.PlatformName, view.PlatformHref), new Crumb(document.TermsType, view.DocumentHref),
             new Crumb($"Compare {fromSequence} and {toSequence}", null)]));
        return CachedContent.Html(html);
    }

    private static bool TryVersion(string? text, long fallback, long latest, out long sequence)
    {
        if (string.IsNullOrWhiteSpace(text)) { sequence = fallback; return fallback > 0; }
        if (string.Equals(text.Trim(), "latest", StringComparison.OrdinalIgnoreCase)) { sequence = latest; return latest > 0; }
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sequence) && sequence > 0;
    }
}
