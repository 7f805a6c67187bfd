using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.Email;

/// <summary>Composes a same-day alert from the archive: the document, the version named by the request, and the comparison with the version before it.</summary>
public sealed class AlertComposer(DocumentCatalog catalog, VersionLedger ledger, SnapshotArchive archive, ChangeSummarizer summarizer, AlertRenderer renderer, PublicSite site)
{
    /// <summary>Reads the document and the version named by the request (and the version before it) and renders the alert.</summary>
    public async Task<ComposedEmail> ComposeAsync(EmailRequest request, SubscriberRecord subscriber, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        if (!DocumentId.TryParse(request.DocumentId, out var id) || request.Sequence is not { } sequence)
            throw new MalformedMessageException(QueueNames.Emails, $"alert {request.MessageKey} names no document and version");
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
        return renderer.Render(content, subscriber.Plan);
    }

    public ComposedEmail Render(AlertContent content) => renderer.Render(content);
}
