using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;

namespace Snapshots.Email;

/// <summary>
/// Composes the alert of one version from the archive: the document, the version, and the comparison with the version before it.
/// The result is the same for every follower: it holds <see cref="ComposedEmail.PlanNotePlaceholder"/> where each one's plan note goes.
/// </summary>
internal sealed class AlertComposer(DocumentCatalog catalog, VersionLedger ledger, SnapshotArchive archive, ChangeSummarizer summarizer, AlertRenderer renderer, PublicSite site)
{
    public async Task<ComposedEmail> ComposeAsync(DocumentId id, long sequence, CancellationToken ct = default)
    {
        var document = await catalog.GetAsync(id, ct);
        var version = await ledger.GetAsync(id, sequence, ct);
        var current = await archive.ReadTextAsync(version.TextBlob, ct);
        var previous = version.ChangedFromSha256 is { } before
            ? await archive.ReadTextAsync(SnapshotArchive.TextBlobName(id, before), ct)
            : null;

        var source = Citation.SourceOf(document, version);
        var page = site.VersionUrl(id, version.Sequence);
        var content = new AlertContent(document.PlatformName, document.TermsType, id.ToString(), source, version.CapturedAt, version.Sequence,
            version.ChangedFromSha256, version.TextSha256, Citation.Line(document, version, page), summarizer.Compare(previous, current), page);
        return renderer.RenderForFollowers(content);
    }
}
