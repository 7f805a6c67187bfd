using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;

namespace Snapshots.Tracking;

/// <summary>
/// Gathers <see cref="PlatformTexts"/> for a check whose text changed: the text the document served, and for each other
/// document of the platform the text it served and its text at this capture, fetched through the same cycle with the same
/// validators as its own check (so a page is fetched once per cycle; a 304 serves the text it served) and extracted the
/// same way. Any sibling that cannot be fetched or extracted makes it <see cref="PlatformTexts.None"/>.
/// </summary>
public sealed class PlatformTextsReader(DocumentCatalog catalog, SnapshotArchive archive, PageVersioner versioner)
{
    internal async Task<PlatformTexts> ReadAsync(DocumentRecord document, string servedSha256, DateTimeOffset at, FetchCycle fetches, CancellationToken ct)
    {
        var siblings = (await catalog.ListAsync(document.Id.Platform, ct)).Where(d => d.Id != document.Id).ToList();
        if (siblings.Count == 0 || siblings.Any(s => s.VersionCount == 0)) return PlatformTexts.None;

        var texts = new List<(string Served, string Now)>();
        foreach (var sibling in siblings)
        {
            var served = await archive.ReadTextAsync(SnapshotArchive.TextBlobName(sibling.Id, CheckDecision.ServedSha256(sibling)!), ct);
            var now = await TextNowAsync(sibling, served, at, fetches, ct);
            if (now is null) return PlatformTexts.None;
            texts.Add((served, now));
        }
        return new PlatformTexts(await archive.ReadTextAsync(SnapshotArchive.TextBlobName(document.Id, servedSha256), ct), texts);
    }

    private async Task<string?> TextNowAsync(DocumentRecord sibling, string served, DateTimeOffset at, FetchCycle fetches, CancellationToken ct)
    {
        try
        {
            var pages = await DocumentPages.FetchAsync(sibling, CheckDecision.ValidatorsFor(sibling), fetches, ct);
            if (pages.All(p => p.Page.NotModified)) return served;
            if (pages.Any(p => p.Page.NotModified)) return null;
            var candidate = await versioner.CandidateAsync(sibling.Id, sibling.Declaration(), sibling.DeclarationSha256, pages, at, "live", _ => Task.FromResult<int?>(null), ct);
            return candidate.TextSha256 == sibling.ChromeEquivalentSha256 ? served : candidate.Text;
        }
        catch (Exception e) when (e is FetchException or ExtractionException)
        {
            return null;
        }
    }
}
