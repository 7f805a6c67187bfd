using Microsoft.AspNetCore.Http;
using Snapshots.Catalog;

namespace Snapshots.Web.Pages;

/// <summary>
/// What a visitor is told when a platform, document or version is not there: what was not found, the closest existing id when one
/// is near ("did you mean", <see cref="CloseIds"/>), and links to the nearest pages that exist. The same words serve the pages (a 404
/// page) and the API (the detail of a 404 problem).
/// </summary>
public static class NearestPage
{
    /// <summary>What was not found, in a sentence, with the suggestion and the nearest pages.</summary>
    public sealed record Miss(string Message, NotFoundPage.Link? DidYouMean, IReadOnlyList<NotFoundPage.Link> Nearest)
    {
        /// <summary>The sentence with its suggestion, for a problem's detail.</summary>
        public string Detail => DidYouMean is null ? Message : $"{Message} Did you mean {DidYouMean.Label} ({DidYouMean.Href})?";
    }

    public static async Task<IResult> PlatformAsync(ArchiveReader reader, PageTemplates templates, string platform, CancellationToken ct) =>
        Page(templates, await PlatformMissAsync(reader, platform, ct));

    public static async Task<IResult> DocumentAsync(ArchiveReader reader, PageTemplates templates, string platform, string type, CancellationToken ct) =>
        Page(templates, await DocumentMissAsync(reader, platform, type, ct));

    public static async Task<IResult> VersionAsync(ArchiveReader reader, PageTemplates templates, string platform, string type, string version, CancellationToken ct) =>
        Page(templates, await VersionMissAsync(reader, platform, type, version, ct));

    public static IResult Page(PageTemplates templates, Miss miss) => NotFoundPage.Result(templates, miss.Message, miss.DidYouMean, miss.Nearest);

    public static async Task<Miss> PlatformMissAsync(ArchiveReader reader, string platform, CancellationToken ct)
    {
        var platforms = await reader.PlatformsAsync(ct);
        var close = CloseIds.Nearest(platform, platforms.Select(p => p.Slug));
        var named = close is null ? null : platforms.First(p => p.Slug == close);
        return new Miss($"No platform '{platform}' is tracked.",
            named is null ? null : new NotFoundPage.Link($"{named.Name} ({named.Slug})", PublicSite.PlatformPath(named.Slug)), []);
    }

    public static async Task<Miss> DocumentMissAsync(ArchiveReader reader, string platform, string type, CancellationToken ct)
    {
        var found = await reader.PlatformAsync(platform, ct);
        if (found is null)
        {
            var miss = await PlatformMissAsync(reader, platform, ct);
            // The platform was mistyped: if the close one has this document, suggest the document itself.
            if (miss.DidYouMean is not null && await reader.PlatformAsync(miss.DidYouMean.Href.Split('/')[^1], ct) is { } near
                && near.Documents.FirstOrDefault(d => d.Id.TermsType == type) is { } same)
                return miss with { Message = $"No document '{platform}/{type}' is tracked.", DidYouMean = new NotFoundPage.Link(same.Id.ToString(), PublicSite.DocumentPath(same.Id)) };
            return miss with { Message = $"No document '{platform}/{type}' is tracked: no platform '{platform}' is." };
        }
        var close = CloseIds.Nearest(type, found.Documents.Select(d => d.Id.TermsType));
        var document = close is null ? null : found.Documents.First(d => d.Id.TermsType == close);
        return new Miss($"{found.Name} has no document '{type}'.",
            document is null ? null : new NotFoundPage.Link(document.Id.ToString(), PublicSite.DocumentPath(document.Id)),
            [new NotFoundPage.Link($"{found.Name}'s documents", PublicSite.PlatformPath(found.Slug))]);
    }

    public static async Task<Miss> VersionMissAsync(ArchiveReader reader, string platform, string type, string version, CancellationToken ct)
    {
        var document = await reader.DocumentAsync(platform, type, ct);
        if (document is null) return await DocumentMissAsync(reader, platform, type, ct);
        var count = document.VersionCount;
        var range = count == 0 ? "no version archived yet" : count == 1 ? "only version 1" : $"versions 1 to {count}";
        var nearest = new List<NotFoundPage.Link>();
        if (count > 0) nearest.Add(new NotFoundPage.Link($"The latest version ({count})", PublicSite.VersionPath(document.Id, count)));
        nearest.Add(new NotFoundPage.Link($"Every version of {document.PlatformName}'s {document.TermsType}", PublicSite.DocumentPath(document.Id)));
        nearest.Add(new NotFoundPage.Link($"{document.PlatformName}'s documents", PublicSite.PlatformPath(document.PartitionKey)));
        return new Miss($"'{document.Id}' has {range}; there is no version '{version}'. A version is a number or latest.", null, nearest);
    }

    /// <summary>A version in a path: a number from 1, or <c>latest</c> (any case) for the newest; null for anything else.</summary>
    public static long? Sequence(string text, DocumentRecord document) =>
        string.Equals(text, "latest", StringComparison.OrdinalIgnoreCase) ? (document.VersionCount > 0 ? document.VersionCount : null)
        : long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;
}
