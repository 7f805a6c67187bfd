using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Messaging;

namespace Snapshots.Channels;

/// <summary>Builds the <see cref="ChannelEvent"/> of a queued delivery from the archive (document row and version row), or a test event.</summary>
public sealed class ChannelEvents(DocumentCatalog catalog, VersionLedger ledger, PublicSite site, TimeProvider clock)
{
    /// <summary>The event of <paramref name="delivery"/>; null when its document or version is gone (nothing to tell).</summary>
    public async Task<ChannelEvent?> OfAsync(ChannelDelivery delivery, CancellationToken ct = default)
    {
        var id = DocumentId.Parse(delivery.DocumentId);
        if (await catalog.FindAsync(id, ct) is not { } document) return null;
        if (await ledger.FindAsync(id, delivery.Sequence, ct) is not { } version) return null;
        var summary = Summary(version);
        var provisions = delivery.Provisions ?? [];
        var type = provisions.Count > 0 ? ChannelEvent.ProvisionsChanged : ChannelEvent.DocumentChanged;
        if (provisions.Count > 0) summary = $"{provisions.Count} followed provision{(provisions.Count == 1 ? "" : "s")} changed: {string.Join(", ", provisions)}. {summary}";
        return new ChannelEvent(type, document.PlatformName, id.Platform, id.ToString(), document.TermsType, version.Sequence, version.CapturedAt,
            string.IsNullOrEmpty(version.Severity) ? "unrated" : version.Severity, summary, provisions, site.VersionUrl(id, version.Sequence), clock.GetUtcNow());
    }

    /// <summary>A test event: names no real change, links to the site's front page.</summary>
    public ChannelEvent Test() => new(ChannelEvent.ChannelTest, "Snapshots", "snapshots", "snapshots/test", "Test", 0, clock.GetUtcNow(), "none",
        "A test delivery asked for by this channel's owner. Real deliveries tell of a new version of a followed document.", [], site.Url("/"), clock.GetUtcNow());

    private static string Summary(VersionRecord version)
    {
        if (!string.IsNullOrWhiteSpace(version.SummaryJson))
        {
            try { return ChangeSummaryJson.Deserialize(version.SummaryJson).Describe(); }
            catch (System.Text.Json.JsonException) { }
        }
        return $"{version.WordsAdded} words added, {version.WordsRemoved} removed";
    }
}
