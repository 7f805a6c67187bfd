using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.Archive;

/// <summary>Queues a <see cref="TimestampRequest"/> for a recorded version when timestamp authorities are configured.</summary>
public sealed class TimestampQueue(QueuePublisher publisher, IOptions<EvidenceOptions> options, TimeProvider clock, ILogger<TimestampQueue> log)
{
    public bool Enabled => options.Value.Enabled;

    /// <summary>Queues the request (after <paramref name="delay"/>); false when timestamping is off.</summary>
    public async Task<bool> RequestAsync(VersionRecord version, CancellationToken ct, int attempt = 0, TimeSpan? delay = null)
    {
        if (!Enabled) return false;
        var request = new TimestampRequest(TimestampRequest.CurrentVersion, version.Document.ToString(), version.Sequence, version.ChainHash, attempt, clock.GetUtcNow());
        await publisher.SendAsync(QueueNames.Timestamps, request, delay, ct);
        return true;
    }

    /// <summary>
    /// As <see cref="RequestAsync"/>, but never fails the caller: timestamping must not block or fail a capture. A request
    /// lost here leaves the version untimestamped, which <c>verify</c> reports and <c>verify --repair</c> requests again.
    /// </summary>
    public async Task TryRequestAsync(VersionRecord version, CancellationToken ct)
    {
        try
        {
            await RequestAsync(version, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Could not queue the timestamp request of {Document} version {Sequence}: verify --repair will request it", version.Document, version.Sequence);
        }
    }
}
