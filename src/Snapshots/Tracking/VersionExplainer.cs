using Snapshots.Archive;
using Snapshots.Fetching;
using Snapshots.Catalog;
using Snapshots.Extraction;

namespace Snapshots.Tracking;

/// <summary>What was left out of one version's compared text, re-derived from its archived raw snapshot.</summary>
public sealed record VersionExplanation(long Sequence, IReadOnlyList<(string Url, ExtractionExplanation Explanation)> Sources);

/// <summary>Why two versions differ only where they do: what extraction left out of each, and the flips between them.</summary>
public sealed record DiffExplanation(VersionExplanation? Older, VersionExplanation Newer, IReadOnlyList<VariantObservation> ReturnsBetween, IReadOnlyList<VariantFlips> Flips);

/// <summary>
/// Answers "why was this difference not a change?" for <c>diff --explain</c>: re-extracts each version's archived raw
/// page with the document's current declaration, listing the site chrome, the declaration's removals and the masked
/// link tokens left out of the compared text, and lists the returns to known variants observed between the versions.
/// Reads only; writes nothing.
/// </summary>
public sealed class VersionExplainer(SnapshotArchive archive, VersionLedger ledger, ObservationLog observations, DocumentExtractor extractor)
{
    public async Task<DiffExplanation> ExplainAsync(DocumentRecord document, VersionRecord? older, VersionRecord newer, CancellationToken ct = default)
    {
        var declaration = document.Declaration();
        var seen = await observations.ListAsync(document.Id, ct);
        var versions = await ledger.ListAsync(document.Id, ct);
        return new DiffExplanation(
            older is null ? null : await ExplainAsync(declaration, older, ct),
            await ExplainAsync(declaration, newer, ct),
            seen.Where(o => (older is null || o.CapturedAt > older.CapturedAt) && o.CapturedAt < newer.CapturedAt).ToList(),
            new VariantTimeline(versions, seen).Flips().Where(f => Involves(f, older, newer)).ToList());
    }

    private static bool Involves(VariantFlips flips, VersionRecord? older, VersionRecord newer) =>
        flips.A == newer.Sequence || flips.B == newer.Sequence || (older is not null && (flips.A == older.Sequence || flips.B == older.Sequence));

    private async Task<VersionExplanation> ExplainAsync(DocumentDeclaration declaration, VersionRecord version, CancellationToken ct)
    {
        var sources = new List<(string, ExtractionExplanation)>();
        foreach (var raw in version.RawSources())
        {
            var source = declaration.Sources.FirstOrDefault(s => s.Fetch == raw.Url) ?? declaration.Sources[0];
            var body = await archive.ReadAsync(raw.Blob, ct);
            var page = new FetchedPage(new Uri(raw.Url), new Uri(raw.FinalUrl), 200, raw.MediaType, body, ETag: null, LastModified: null, NotModified: false);
            ExtractionExplanation explanation;
            try { explanation = extractor.Explain(page, source); }
            catch (ExtractionException) { explanation = ExtractionExplanation.None; }
            sources.Add((raw.Url, explanation));
        }
        return new VersionExplanation(version.Sequence, sources);
    }
}
