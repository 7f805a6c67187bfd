using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Cli.Local;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Archive;

/// <summary>A tracked loopback site plus a loopback RFC 3161 authority configured as the pipeline's only one and trust anchor.</summary>
public sealed class TimestampedSite : IAsyncDisposable
{
    private TimestampedSite(TrackedSite tracked, LoopbackTimestampAuthority authority)
    {
        Tracked = tracked;
        Authority = authority;
    }

    public TrackedSite Tracked { get; }
    public LoopbackTimestampAuthority Authority { get; }
    public TestPipeline Pipeline => Tracked.Pipeline;
    public VersionLedger Ledger => Pipeline.Get<VersionLedger>();

    public static async Task<TimestampedSite> StartAsync()
    {
        var authority = await LoopbackTimestampAuthority.StartAsync();
        try
        {
            var tracked = await TrackedSite.StartAsync(Settings(authority));
            return new TimestampedSite(tracked, authority);
        }
        catch
        {
            await authority.DisposeAsync();
            throw;
        }
    }

    public static Dictionary<string, string?> Settings(LoopbackTimestampAuthority authority) => new()
    {
        ["Evidence:TimestampAuthorities:0"] = authority.Url.AbsoluteUri,
        ["Evidence:TrustAnchors:0"] = authority.RootCertificateFile,
        ["Evidence:RequestTimeout"] = "00:00:05",
        ["Evidence:RetryBaseDelay"] = "00:00:01",
        ["Evidence:RetryMaxDelay"] = "00:00:01",
    };

    public Task<DocumentId> TrackAsync(string html) => Tracked.TrackAsync("Example AI", "Privacy Policy", "/privacy", html);

    /// <summary>Serves a new text and checks it: one more version.</summary>
    public Task<Snapshots.Tracking.CaptureOutcome> ChangeAsync(DocumentId id, string html)
    {
        Tracked.Site.Page("/privacy", html);
        return Tracked.CheckAsync(id);
    }

    /// <summary>The local host's consumer of the timestamps queue (the one <c>snapshots run</c> uses).</summary>
    public LocalQueueConsumer TimestampsConsumer => LocalQueues.Consumers(Pipeline.Services).Single(c => c.Queue == QueueNames.Timestamps);

    public Task<int> DrainTimestampsAsync() => TimestampsConsumer.DrainAsync(TimeSpan.FromSeconds(30));

    public async Task<bool> TokenStoredAsync(VersionRecord version) =>
        (await Pipeline.Storage.Snapshots.GetBlobClient(SnapshotArchive.TimestampBlobName(version.Document, version.ChainHash)).ExistsAsync()).Value;

    public async ValueTask DisposeAsync()
    {
        await Tracked.DisposeAsync();
        await Authority.DisposeAsync();
    }
}
