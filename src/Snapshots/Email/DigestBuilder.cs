using System.Text.Json;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Provisions;
using Snapshots.Subscribers;

namespace Snapshots.Email;

/// <summary>
/// Gathers the data of a subscriber's digest from the documents table and the version ledger (see <see cref="DigestContent"/>).
/// No formatting here: the same content feeds the HTML and text renderings and the preview. The subscriber's alerts that could
/// not be sent (parked after failed sends) come from the delivery ledger, so the digest can say so.
/// </summary>
public sealed class DigestBuilder(DocumentCatalog catalog, VersionLedger ledger, ProvisionReader provisions, DeliveryLedger deliveries)
{
    /// <summary>Weeks in the changes-per-week chart, the current week included.</summary>
    public const int ChartWeeks = 12;

    private static readonly string[] AlertKinds = [AlertEmail.Kind, ProvisionAlertEmail.Kind];

    public async Task<DigestContent> BuildAsync(SubscriberRecord subscriber, DateTimeOffset now, CancellationToken ct = default)
    {
        var window = DigestWindow.For(subscriber, now);
        var week = IsoWeek.Of(now);
        var chartWeeks = week.LastWeeks(ChartWeeks);
        var since = window.Start < chartWeeks[0].Start ? window.Start : chartWeeks[0].Start;

        var platforms = new List<DigestPlatform>();
        var allVersions = new List<VersionRecord>();
        foreach (var slug in subscriber.Follows.CountedPlatforms)
        {
            var documents = await catalog.ListAsync(slug, ct);
            var changes = new List<DigestChange>();
            var unchanged = new List<UnchangedDocument>();
            var failing = new List<FailingDocument>();
            foreach (var document in documents)
            {
                var versions = await ledger.ListSinceAsync(document.Id, since, ct);
                allVersions.AddRange(versions);
                var inWindow = versions.Where(v => window.Contains(v.CapturedAt)).ToList();
                foreach (var version in inWindow)
                    if (await ChangeOfAsync(subscriber, document, version, ct) is { } change) changes.Add(change);
                // Honest states: a document whose last check failed is failing (with since when and the last error), whatever else;
                // one with no version in the window is verified only if a check in the window succeeded.
                if (document.FailingSince is { } failingSince)
                    failing.Add(new FailingDocument(document.Id, document.TermsType, failingSince, document.LastCheckedAt, document.ConsecutiveFailures, document.LastError, FirstUrl(document)));
                else if (inWindow.Count == 0)
                    unchanged.Add(new UnchangedDocument(document.Id, document.TermsType, document.LastCheckedAt, FirstUrl(document),
                        VerifiedInWindow: document.LastCheckedAt is { } checkedAt && window.Contains(checkedAt)));
            }
            var name = documents.FirstOrDefault(d => d.PlatformName.Length > 0)?.PlatformName ?? slug;
            platforms.Add(new DigestPlatform(
                slug,
                name,
                changes.OrderByDescending(c => c.Level).ThenByDescending(c => c.CapturedAt).ThenBy(c => c.Document.TermsType, StringComparer.Ordinal).ThenByDescending(c => c.Sequence).ToList(),
                unchanged,
                failing));
        }

        var (awaiting, forGood) = await deliveries.UnsentAsync(subscriber.SubscriberId, AlertKinds, ct);
        var weekly = chartWeeks
            .Select(w => new WeeklyChangeCount(w, allVersions.Count(v => v.Sequence > 1 && v.CapturedAt >= w.Start && v.CapturedAt < w.End)))
            .ToList();
        // Platforms with the most severe change first, then by name; changes within a platform by severity, then newest first.
        return new DigestContent(subscriber.SubscriberId, week, window,
            platforms.OrderByDescending(p => p.Changes.Where(c => !c.IsFirst).Select(c => (int?)c.Level).Max() ?? -1)
                .ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList(), weekly, new UnsentAlerts(awaiting, forGood));
    }

    /// <summary>
    /// The change as this subscriber is told of it, grouped by the provisions it changed: every provision for a follower of the
    /// whole platform, only those it follows (by provision or clause type) otherwise, and nothing when none of those changed.
    /// </summary>
    private async Task<DigestChange?> ChangeOfAsync(SubscriberRecord subscriber, DocumentRecord document, VersionRecord version, CancellationToken ct)
    {
        var changed = version.Sequence > 1 ? await provisions.ChangesAsync(document, version.Sequence, ct) : [];
        var scope = EmailEligibility.ScopeOf(subscriber, document.Id, changed);
        if (!scope.TellsAnything) return null;
        var told = scope.Whole ? changed : changed.Where(c => scope.Provisions.Contains(c.Slug, StringComparer.Ordinal)).ToList();
        return ChangeOf(document, version) with { Provisions = told.Select(c => $"{c.Name(provisions.Catalog)} ({c.Verb})").ToList() };
    }

    private static DigestChange ChangeOf(DocumentRecord document, VersionRecord version) => new(
        document.Id,
        document.TermsType,
        version.Sequence,
        version.CapturedAt,
        version.TextSha256,
        version.ChangedFromSha256,
        version.WordsAdded,
        version.WordsRemoved,
        FirstUrl(document),
        SummaryOf(version),
        SeverityOf(version));

    /// <summary>The severity stored with the version, or rated now from its stored summary (versions recorded before severities).</summary>
    private static ChangeSeverity? SeverityOf(VersionRecord version)
    {
        if (version.Severity is { } stored && Enum.TryParse<SeverityLevel>(stored, ignoreCase: true, out var level))
            return new ChangeSeverity(level, version.SeverityReason ?? "");
        return SummaryOf(version) is { } summary ? ChangeSeverity.Rate(summary, TopicCatalog.Default) : null;
    }

    /// <summary>The stored summary, or null when there is none or it cannot be read (the digest still lists the change).</summary>
    private static ChangeSummary? SummaryOf(VersionRecord version)
    {
        if (string.IsNullOrWhiteSpace(version.SummaryJson)) return null;
        try { return ChangeSummaryJson.Deserialize(version.SummaryJson); }
        catch (JsonException) { return null; }
    }

    private static string? FirstUrl(DocumentRecord document) =>
        document.SourceUrls.FirstOrDefault();
}
