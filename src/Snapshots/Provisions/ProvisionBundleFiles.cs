using System.Text;
using Microsoft.Extensions.Logging;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Text;

namespace Snapshots.Provisions;

/// <summary>
/// The provisions' part of an evidence bundle (<c>snapshots export</c>, see <see cref="ProvisionBundleLayout"/>): for each exported
/// version whose provisions are built, <c>provisions.json</c> and each provision's text as its own payload file, and one VERIFY.md
/// step. Reads only: a version whose provisions are not built (<c>snapshots provisions build</c>), or whose stored text is not the
/// one its provisions were built from, gets none, and the log says why.
/// </summary>
internal sealed class ProvisionBundleFiles(DocumentCatalog catalog, SnapshotArchive archive, ProvisionLedger provisions, ProvisionReader reader,
    ILogger<ProvisionBundleFiles> log) : IBundleContributor
{
    public async Task ContributeAsync(BundleContribution bundle, CancellationToken ct)
    {
        if (await catalog.FindAsync(bundle.Document, ct) is not { } document) return;
        var any = false;
        foreach (var version in bundle.Versions)
        {
            if (await provisions.FindAsync(bundle.Document, version.Sequence, ct) is not { } map) continue;
            byte[] bytes;
            try { bytes = await archive.ReadAsync(version.TextBlob, ct); }
            catch (MissingSnapshotException) { continue; } // the export names the missing text
            if (Sha256Hex.Of(bytes) != version.TextSha256 || map.TextSha256 != version.TextSha256)
            {
                log.LogWarning("Provisions of {Document} version {Sequence} not exported: they were built from text {Built}, the version records {Recorded}",
                    bundle.Document, version.Sequence, map.TextSha256, version.TextSha256);
                continue;
            }
            var text = Encoding.UTF8.GetString(bytes);
            if (map.Provisions.Any(p => p.Provision.Range.Start < 0 || p.Provision.Range.End > text.Length))
            {
                log.LogWarning("Provisions of {Document} version {Sequence} not exported: a range lies outside its text", bundle.Document, version.Sequence);
                continue;
            }
            var folder = BundleContribution.VersionFolder(version.Sequence);
            var entries = new List<ProvisionBundleEntry>();
            var classified = reader.Classify(document, version, text, map).Provisions;
            // Character ranges to byte offsets, counted once through the text (the provisions in text order).
            var (atChar, atByte) = (0, 0L);
            foreach (var provision in classified.OrderBy(p => p.Provision.Range.Start))
            {
                var range = provision.Provision.Range;
                var start = atByte + Encoding.UTF8.GetByteCount(text.AsSpan(atChar, range.Start - atChar));
                (atChar, atByte) = (range.Start, start);
                var end = start + Encoding.UTF8.GetByteCount(range.SpanOf(text));
                var file = ProvisionBundleLayout.FileOf(provision.Id);
                await bundle.AddAsync(folder + file, bytes[(int)start..(int)end], ct, provision.Provision.Sha256);
                entries.Add(new ProvisionBundleEntry(provision.Id, provision.Slug, provision.Types.Select(t => t.TypeId).ToList(), start, end, provision.Provision.Sha256, file));
            }
            await bundle.AddAsync(folder + ProvisionBundleLayout.Index, ProvisionBundleLayout.IndexJson(version.TextSha256, entries), ct);
            any = true;
        }
        if (any) bundle.AddVerifyStep(ProvisionBundleLayout.Title, ProvisionBundleLayout.Step);
    }
}
