using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Snapshots.Catalog;
using Snapshots.Messaging;
using Snapshots.Storage;
using Snapshots.Tracking;

namespace Snapshots.Pipeline;

/// <summary>
/// Timer: enqueues one <see cref="CaptureRequest"/> per due document (documents sharing a page travel together),
/// each delayed by a random time within the spread window.
/// </summary>
public sealed class ScheduleCapturesHandler(DocumentCatalog catalog, QueuePublisher publisher, IOptions<CaptureOptions> options, ILogger<ScheduleCapturesHandler> log)
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken ct = default, TimeSpan? spread = null)
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
        return groups.Count;
    }
}
