using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;
using Microsoft.Extensions.Logging;

namespace Snapshots.Tracking;

/// <summary>
/// Gathers <see cref="PlatformTexts"/> for a check whose text changed: the text the document served, and for each other
/// document of the platform the text it served and its text at this capture, fetched through the same cycle with the same
/// validators as its own check (so a page is fetched once per cycle; a 304 serves the text it served) and extracted the
/// same way. A sibling's text now is its page's text even when its own check already folded it as chrome
/// (<see cref="DocumentRecord.ChromeEquivalentSha256"/>), so the documents of a platform checked one after another (the
/// Functions app checks each as its own message) reach the same decision as checked together. Any sibling that cannot be
/// fetched or extracted, or whose served text the store lost (a logged skip: <c>verify --repair</c> re-derives it), makes it
/// <see cref="PlatformTexts.None"/>: the check goes on without the platform's chrome rule, never fails for a sibling's sake.
/// </summary>
public sealed class PlatformTextsReader(DocumentCatalog catalog, SnapshotArchive archive, PageVersioner versioner, ILogger<PlatformTextsReader> log)
{
    internal async Task<PlatformTexts> ReadAsync(DocumentRecord document, string servedSha256, DateTimeOffset at, FetchCycle fetches, CancellationToken ct)
    {
        var siblings = (await catalog.ListAsync(document.Id.Platform, ct)).Where(d => d.Id != document.Id).ToList();
        if (siblings.Count == 0 || siblings.Any(s => s.VersionCount == 0)) return PlatformTexts.None;

        var texts = new List<(IReadOnlyList<string> Before, string Now)>();
        foreach (var sibling in siblings)
        {
            if (await TextAsync(sibling.Id, CheckDecision.ServedSha256(sibling)!, document.Id, ct) is not { } served) return PlatformTexts.None;
            var now = await TextNowAsync(sibling, served, at, fetches, ct);
            if (now is null) return PlatformTexts.None;
            texts.Add(([served], now));
        }
        return await TextAsync(document.Id, servedSha256, document.Id, ct) is { } own ? new PlatformTexts(own, texts) : PlatformTexts.None;
    }

    /// <summary>A recorded text; null (logged) when the store lost its blob.</summary>
    private async Task<string?> TextAsync(DocumentId of, string sha256, DocumentId checking, CancellationToken ct)
    {
        var blob = SnapshotArchive.TextBlobName(of, sha256);
        try { return await archive.ReadTextAsync(blob, ct); }
        catch (MissingSnapshotException)
        {
            log.LogWarning("Checking {Document} without the platform's chrome rule: {Sibling}'s text blob snapshots/{Blob} is missing (verify names it; verify --repair re-derives it from its raw snapshot)",
                checking, of, blob);
            return null;
        }
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
