using Snapshots.Text;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;

namespace Snapshots.Tracking;

/// <summary>
/// Re-derives a version's lost text blob (a store that lost an acknowledged write) from its raw snapshots: extracted again
/// with the declaration the version was captured with (the document's current one or one of its earlier ones, found by the
/// version's declaration fingerprint), the same way as at capture (<see cref="PageVersioner"/>), and written, create-only,
/// only when the text hashes to the SHA-256 the version recorded. Evidence is never replaced by something else.
/// </summary>
public sealed class TextBlobRestorer(SnapshotArchive archive, PageVersioner versioner)
{
    /// <summary>What was done for the version's text blob; null when it is there.</summary>
    public async Task<RepairAction?> RestoreAsync(DocumentRecord? document, VersionRecord version, CancellationToken ct = default)
    {
        if (await archive.ExistsAsync(version.TextBlob, ct)) return null;
        var id = version.Document;
        RepairAction Left(string why) => new(id, version.Sequence, $"text blob snapshots/{version.TextBlob} is missing and cannot be re-derived: {why}", false);

        var declaration = document is null ? null : DeclarationOf(document, version.DeclarationSha256);
        if (declaration is null)
            return Left($"no declaration with the version's fingerprint {version.DeclarationSha256[..Math.Min(12, version.DeclarationSha256.Length)]} is kept on the document row");
        var sources = version.RawSources();
        if (sources.Count != declaration.Sources.Count) return Left($"the version has {sources.Count} raw sources, its declaration {declaration.Sources.Count}");
        var pages = new List<SourcePage>();
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            byte[] body;
            try { body = await archive.ReadAsync(source.Blob, ct); }
            catch (MissingSnapshotException) { return Left($"its raw blob snapshots/{source.Blob} is missing too"); }
            if (Sha256Hex.Of(body) != source.Sha256) return Left($"its raw blob snapshots/{source.Blob} does not hash to its recorded SHA-256");
            var page = new FetchedPage(new Uri(source.Url), new Uri(source.FinalUrl), 200, source.MediaType, body, null, null, NotModified: false);
            pages.Add(new SourcePage(declaration.Sources[i], page));
        }

        VersionCandidate candidate;
        try
        {
            candidate = await versioner.CandidateAsync(id, declaration, version.DeclarationSha256, pages, version.CapturedAt, version.Origin, _ => Task.FromResult<int?>(null), ct);
        }
        catch (ExtractionException e)
        {
            return Left($"extracting its raw snapshot again failed: {e.Message}");
        }
        if (candidate.TextSha256 != version.TextSha256)
            return Left($"the raw snapshot extracts to a text with SHA-256 {candidate.TextSha256[..12]}, not the recorded {version.TextSha256[..Math.Min(12, version.TextSha256.Length)]} (the extraction changed since): not written");
        if (!await archive.WriteOnceAsync(version.TextBlob, System.Text.Encoding.UTF8.GetBytes(candidate.Text), "text/markdown; charset=utf-8", ct))
            return null;
        return new RepairAction(id, version.Sequence, $"text blob snapshots/{version.TextBlob} re-derived from its raw snapshot with its declaration (same SHA-256 as recorded)", true);
    }

    /// <summary>The document's declaration, current or earlier, whose fingerprint is <paramref name="fingerprint"/>.</summary>
    private static DocumentDeclaration? DeclarationOf(DocumentRecord document, string fingerprint)
    {
        if (document.DeclarationJson.Length > 0 && document.DeclarationSha256 == fingerprint) return document.Declaration();
        return document.EarlierDeclarations().Select(d => d.Declaration).FirstOrDefault(d => DeclarationJsonOptions.Fingerprint(d) == fingerprint);
    }
}
