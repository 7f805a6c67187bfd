using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Snapshots.Catalog;
using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Tracking;

namespace Snapshots.Pipeline;

/// <summary>
/// Timer: enqueues one <see cref="CaptureRequest"/> per due document (documents sharing a page travel together),
/// each delayed by a random time within the spread window. Then sends the change notices any document still owes (the outbox
/// sweep: a version recorded by a check whose notice could not be sent is announced by the next cycle even if not yet due).
/// </summary>
public sealed class ScheduleCapturesHandler(DocumentCatalog catalog, QueuePublisher publisher, ChangeAnnouncer announcer, IOptions<CaptureOptions> options, ILogger<ScheduleCapturesHandler> log)
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>Schedules the due documents; returns the number of capture requests (see <see cref="ScheduleAsync"/> for what they hold).</summary>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken ct = default, TimeSpan? spread = null) =>
        (await ScheduleAsync(now, ct, spread)).Requests;

    /// <summary>Schedules the due documents: how many requests were queued and how many documents they hold.</summary>
    public async Task<ScheduledCaptures> ScheduleAsync(DateTimeOffset now, CancellationToken ct = default, TimeSpan? spread = null)
    {
        var settings = options.Value;
        var documents = await catalog.ListAsync(ct: ct);
        var due = documents.Where(d => d.LastAttemptAt is null || now - d.LastAttemptAt >= settings.Interval - Tolerance).ToList();
        var groups = CaptureGroups.Of(due);
        foreach (var group in groups)
        {
            var window = spread ?? settings.SpreadWindow;
            var delay = window <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromSeconds(Random.Shared.NextDouble() * window.TotalSeconds);
            var request = new CaptureRequest(CaptureRequest.CurrentVersion, group.Select(d => d.Id.ToString()).ToList(), now);
            await publisher.SendAsync(QueueNames.Capture, request, delay, ct);
        }
        log.LogInformation("Scheduled {Due} of {Total} documents in {Requests} capture requests", due.Count, documents.Count, groups.Count);
        var owed = await announcer.SendAllOwedAsync(documents, ct);
        if (owed > 0) log.LogWarning("Sent {Notices} change notices that earlier checks owed", owed);
        return new ScheduledCaptures(groups.Count, due.Count);
    }
}
