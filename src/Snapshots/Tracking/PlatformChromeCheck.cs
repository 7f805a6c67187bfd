using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Extraction;
using Snapshots.Fetching;

namespace Snapshots.Tracking;

/// <summary>
/// When one document's text changed, looks at the platform's other documents at the same capture (through the cycle's
/// <see cref="FetchCycle"/>, so a page is fetched once per cycle; a page answered 304 still serves the text it served)
/// and asks <see cref="PlatformChrome"/> whether the change is only chrome that changed on all of them. Any sibling that
/// cannot be fetched or extracted makes the answer "no": the change is then recorded as usual.
/// </summary>
public sealed class PlatformChromeCheck(DocumentCatalog catalog, SnapshotArchive archive, PageVersioner versioner, TopicClassifier topics)
{
    public async Task<ChromeChange?> OnlyChromeAsync(DocumentRecord document, VersionCandidate candidate, FetchCycle fetches, CancellationToken ct = default)
    {
        if (document.VersionCount == 0 || (document.ServedSha256 ?? document.CurrentSha256) is not { } servedSha) return null;
        var siblings = (await catalog.ListAsync(document.Id.Platform, ct)).Where(d => d.Id != document.Id).ToList();
        if (siblings.Count == 0 || siblings.Any(s => s.VersionCount == 0)) return null;

        var texts = new List<(string Served, string Now)>();
        foreach (var sibling in siblings)
        {
            var served = await archive.ReadTextAsync(SnapshotArchive.TextBlobName(sibling.Id, sibling.ServedSha256 ?? sibling.CurrentSha256!), ct);
            var now = await TextNowAsync(sibling, served, fetches, candidate.CapturedAt, ct);
            if (now is null) return null;
            texts.Add((served, now));
        }
        var mine = await archive.ReadTextAsync(SnapshotArchive.TextBlobName(document.Id, servedSha), ct);
        return PlatformChrome.OnlyChrome(mine, candidate.Text, texts, topics);
    }

    private async Task<string?> TextNowAsync(DocumentRecord sibling, string served, FetchCycle fetches, DateTimeOffset at, CancellationToken ct)
    {
        var declaration = sibling.Declaration();
        var sameDeclaration = sibling.CurrentDeclarationSha256 == sibling.DeclarationSha256;
        var conditional = sameDeclaration && declaration.Sources.Count == 1 ? new ConditionalRequest(sibling.LastETag, sibling.LastModifiedHeader) : null;
        try
        {
            var pages = new List<SourcePage>();
            foreach (var source in declaration.Sources)
                pages.Add(new SourcePage(source, await fetches.FetchAsync(source.Url, conditional is { IsEmpty: false } ? conditional : null, ct)));
            if (pages.All(p => p.Page.NotModified)) return served;
            if (pages.Any(p => p.Page.NotModified)) return null;
            var candidate = await versioner.CandidateAsync(sibling.Id, declaration, sibling.DeclarationSha256, pages, at, "live", _ => Task.FromResult<int?>(null), ct);
            if (candidate.TextSha256 == sibling.ChromeEquivalentSha256) return served;
            return candidate.Text;
        }
        catch (Exception e) when (e is FetchException or ExtractionException)
        {
            return null;
        }
    }
}
