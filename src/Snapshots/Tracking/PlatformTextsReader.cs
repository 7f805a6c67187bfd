using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;

namespace Snapshots.Tracking;

/// <summary>
/// Gathers <see cref="PlatformTexts"/> for a check whose text changed: the text the document served, and for each other
/// document of the platform the text it served and its text at this capture, fetched through the same cycle with the same
/// validators as its own check (so a page is fetched once per cycle; a 304 serves the text it served) and extracted the
/// same way. A sibling's text now is its page's text even when its own check already folded it as chrome
/// (<see cref="DocumentRecord.ChromeEquivalentSha256"/>), so the documents of a platform checked one after another (the
/// Functions app checks each as its own message) reach the same decision as checked together. Any sibling that cannot be
/// fetched or extracted makes it <see cref="PlatformTexts.None"/>.
/// </summary>
public sealed class PlatformTextsReader(DocumentCatalog catalog, SnapshotArchive archive, PageVersioner versioner)
{
    internal async Task<PlatformTexts> ReadAsync(DocumentRecord document, string servedSha256, DateTimeOffset at, FetchCycle fetches, CancellationToken ct)
    {
        var siblings = (await catalog.ListAsync(document.Id.Platform, ct)).Where(d => d.Id != document.Id).ToList();
        if (siblings.Count == 0 || siblings.Any(s => s.VersionCount == 0)) return PlatformTexts.None;

        var texts = new List<(IReadOnlyList<string> Before, string Now)>();
        foreach (var sibling in siblings)
        {
            var served = await archive.ReadTextAsync(SnapshotArchive.TextBlobName(sibling.Id, CheckDecision.ServedSha256(sibling)!), ct);
            var now = await TextNowAsync(sibling, served, at, fetches, ct);
            if (now is null) return PlatformTexts.None;
            texts.Add(([served], now));
        }
        return new PlatformTexts(await archive.ReadTextAsync(SnapshotArchive.TextBlobName(document.Id, servedSha256), ct), texts);
    }

    private async Task<string?> TextNowAsync(DocumentRecord sibling, string served, DateTimeOffset at, FetchCycle fetches, CancellationToken ct)
    {
        try
        {
            // A sibling that folded chrome serves a text no version holds: its page is fetched whole, since a 304 would only say
            // "as at its last check" and that text is not archived.
            var validators = sibling.ChromeEquivalentSha256 is null ? CheckDecision.ValidatorsFor(sibling) : null;
            var pages = await DocumentPages.FetchAsync(sibling, validators, fetches, ct);
            if (pages.All(p => p.Page.NotModified)) return served;
            if (pages.Any(p => p.Page.NotModified)) return null;
            // The text now, even when the sibling's own check already found it equivalent to what it served (chrome changed on it
            // too): a sibling checked after another must see that other page as changed, whatever the order of the checks.
            return (await versioner.CandidateAsync(sibling.Id, sibling.Declaration(), sibling.DeclarationSha256, pages, at, "live", _ => Task.FromResult<int?>(null), ct)).Text;
        }
        catch (Exception e) when (e is FetchException or ExtractionException)
        {
            return null;
        }
    }
}
