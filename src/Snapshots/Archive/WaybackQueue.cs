using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.Archive;

/// <summary>Queues a <see cref="WaybackRequest"/> for a new live version when Wayback is on (<see cref="WaybackOptions"/>).</summary>
public sealed class WaybackQueue(QueuePublisher publisher, IOptions<WaybackOptions> options, ILogger<WaybackQueue> log)
{
    public bool Enabled => options.Value.IsOn;

    /// <summary>
    /// Queues the request for the version's first source page; never fails the caller (a capture must not fail for the
    /// Wayback Machine). Imported versions are not sent: the page today is not the page they captured.
    /// </summary>
    public async Task TryRequestAsync(VersionRecord version, CancellationToken ct)
    {
        if (!Enabled || version.Origin != "live") return;
        try
        {
            var url = version.RawSources().FirstOrDefault()?.Url;
            if (url is null) return;
            await SendAsync(new WaybackRequest(WaybackRequest.CurrentVersion, version.Document.ToString(), version.Sequence, url), null, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Could not queue the Wayback capture of {Document} version {Sequence}", version.Document, version.Sequence);
        }
    }

    internal Task SendAsync(WaybackRequest request, TimeSpan? delay, CancellationToken ct) => publisher.SendAsync(QueueNames.Wayback, request, delay, ct);
}
