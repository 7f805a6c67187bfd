using System.Globalization;
using Azure;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Storage;

namespace Snapshots.Notifications;

/// <summary>
/// Digest data read straight from the catalog and the version ledger: for each followed platform, the versions captured since
/// the subscriber's last digest (or the last 7 days), the documents verified unchanged, the documents failing for more than a
/// day, and 12 weekly change counts. First versions (a document starting to be tracked) are not changes.
/// </summary>
public sealed class ArchiveDigestSource(DocumentCatalog catalog, VersionLedger ledger, StorageClients storage) : IDigestSource
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan FailingLongEnough = TimeSpan.FromDays(1);

    public async Task<DigestEmailModel> BuildAsync(SubscriberRecord subscriber, DateTimeOffset now, CancellationToken ct = default)
    {
        var start = subscriber.LastDigestThrough is { } through && through < now ? through : now - DefaultWindow;
        var firstWeek = WeekStart(now).AddDays(-7 * (WeeklyChart.Weeks - 1));
        var since = start < firstWeek ? start : firstWeek;

        var platforms = new List<DigestPlatformChanges>();
        var unchanged = new List<DigestVerifiedDocument>();
        var failing = new List<DigestFailingDocument>();
        var perWeek = new int[WeeklyChart.Weeks];
        foreach (var platform in subscriber.PlatformList)
        {
            var changes = new List<DigestChange>();
            var platformName = platform;
            foreach (var document in await catalog.ListAsync(platform, ct))
            {
                platformName = document.PlatformName;
                var versions = (await ledger.ListSinceAsync(document.Id, since, ct)).Where(v => v.Sequence > 1 && v.CapturedAt <= now).ToList();
                foreach (var version in versions.Where(v => v.CapturedAt >= firstWeek))
                    perWeek[(int)((WeekStart(version.CapturedAt) - firstWeek).TotalDays / 7)]++;
                var inWindow = versions.Where(v => v.CapturedAt >= start).ToList();
                changes.AddRange(inWindow.Select(v => Change(document, v)));
                if (inWindow.Count == 0 && !IsFailing(document, now))
                    unchanged.Add(new DigestVerifiedDocument(document.PlatformName, document.TermsType, document.LastCheckedAt));
                if (IsFailing(document, now))
                    failing.Add(new DigestFailingDocument(document.PlatformName, document.TermsType, document.FailingSince!.Value, document.LastError));
            }
            platforms.Add(new DigestPlatformChanges(platformName, changes.OrderByDescending(c => c.CapturedAt).ToList()));
        }
        var weeks = Enumerable.Range(0, WeeklyChart.Weeks)
            .Select(i => firstWeek.AddDays(7 * i))
            .Select((week, i) => new WeekCount(EmailFormat.IsoWeek(week), week, perWeek[i]))
            .ToList();
        return new DigestEmailModel(EmailFormat.IsoWeek(now), start, now, platforms, unchanged, failing, weeks);
    }

    public async Task MarkSentAsync(SubscriberRecord subscriber, DigestEmailModel digest, CancellationToken ct = default)
    {
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            var current = await storage.Subscribers.GetEntityIfExistsAsync<SubscriberRecord>(subscriber.PartitionKey, SubscriberRecord.ProfileRowKey, cancellationToken: ct);
            if (!current.HasValue || current.Value is not { } row) return;
            if (row.LastDigestThrough >= digest.WindowEnd) return;
            row.LastDigestThrough = digest.WindowEnd;
            try
            {
                await storage.Subscribers.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace, ct);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412) { }
        }
    }

    private static DigestChange Change(DocumentRecord document, VersionRecord version) => new(
        document.Id.ToString(), document.TermsType, version.Sequence, version.CapturedAt, version.TextSha256,
        version.WordsAdded, version.WordsRemoved,
        version.SummaryJson is { Length: > 0 } json ? ChangeSummaryJson.Deserialize(json) : null,
        version.RawSources().FirstOrDefault()?.Url ?? document.Urls.Split(' ')[0]);

    private static bool IsFailing(DocumentRecord document, DateTimeOffset now) =>
        document.ConsecutiveFailures > 0 && document.FailingSince is { } since && now - since > FailingLongEnough;

    /// <summary>Monday 00:00 UTC of the ISO week holding <paramref name="time"/>.</summary>
    private static DateTimeOffset WeekStart(DateTimeOffset time)
    {
        var day = time.UtcDateTime.Date;
        var monday = ISOWeek.ToDateTime(ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day), DayOfWeek.Monday);
        return new DateTimeOffset(monday, TimeSpan.Zero);
    }
}
