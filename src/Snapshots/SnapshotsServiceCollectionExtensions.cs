using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Channels;
using Snapshots.Changes;
using Snapshots.Email;
using Snapshots.Extraction;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;
using Snapshots.Subscribers;
using Snapshots.Tracking;

using Snapshots.Fetching;

namespace Snapshots;

/// <summary>Registers the whole library; the Functions app and the <c>snapshots</c> command both call this, so they run the same pipeline.</summary>
public static class SnapshotsServiceCollectionExtensions
{
    public static IServiceCollection AddSnapshots(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton(StorageOptions.From(configuration));
        services.AddSingleton(provider => new StorageClients(
            provider.GetRequiredService<StorageOptions>(),
            provider.GetServices<HttpPipelinePolicy>().ToArray()));

        services.Configure<CaptureOptions>(configuration.GetSection(CaptureOptions.Section));
        services.Configure<Extraction.ExtractionOptions>(configuration.GetSection(Extraction.ExtractionOptions.Section));
        services.AddSnapshotsFetching(configuration);

        services.AddSingleton(PublicSite.From(configuration));
        services.AddSingleton<DocumentCatalog>();
        services.AddSingleton<SnapshotArchive>();
        services.AddSingleton<VersionLedger>();
        services.AddSingleton<ObservationLog>();
        services.AddSingleton<CheckDecision>();
        services.AddSingleton<VersionExplainer>();
        services.AddSingleton<PlatformTextsReader>();
        services.AddSingleton<Provisions.ProvisionLedger>();
        services.AddSingleton(_ => Provisions.ClauseClassifier.Default);
        services.AddSingleton<Provisions.ProvisionReader>();
        services.AddSingleton(TopicClassifier.Default);
        services.AddSingleton<ChangeSummarizer>();
        services.AddSingleton<ChangeStatistics>();
        services.AddSingleton<VersionRecorder>();
        services.AddSingleton<ArchiveVerifier>();
        services.AddSingleton<VersionCheck>();
        services.AddSingleton<VersionEvidence>();
        services.AddOptions<EvidenceOptions>().Bind(configuration.GetSection(EvidenceOptions.Section));
        services.AddSingleton<TrustAnchors>();
        services.AddSingleton<TimestampValidator>();
        services.AddHttpClient<TimestampAuthorityClient>(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddHttpClient<RevocationFetcher>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider => GuardedHttpHandler.Create(provider.GetRequiredService<IOptions<FetchOptions>>().Value));
        services.AddSingleton<TokenValidationCollector>();
        services.AddSingleton<TimestampRenewer>();
        services.AddSingleton<TimestampQueue>();
        services.AddOptions<WaybackOptions>().Bind(configuration.GetSection(WaybackOptions.Section))
            .Validate(o => o.RequestsPerMinute >= 1, "Wayback:RequestsPerMinute must be at least 1")
            .Validate(o => !o.Enabled || Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var u) && u.Scheme is "http" or "https", "Wayback:Endpoint must be an http(s) URL");
        services.AddHttpClient<WaybackClient>(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<WaybackQueue>();
        services.AddSingleton<WaybackRateLimit>();
        services.AddSingleton<VersionTimestamper>();
        services.AddSingleton<EvidenceExporter>();
        services.AddSingleton<WaczExporter>();
        services.AddOptions<Ledger.LogOptions>().Bind(configuration.GetSection(Ledger.LogOptions.Section));
        services.AddSingleton<Ledger.CheckpointSigner>();
        services.AddSingleton<Ledger.TransparencyLog>();
        services.AddSingleton<Ledger.LogAppender>();
        services.AddSingleton<Ledger.LogSequencer>();
        services.AddSingleton<Ledger.LogProofs>();
        services.AddSingleton<Ledger.LogVerifier>();
        services.AddSingleton<Ledger.AttestationExporter>();
        services.AddSingleton<IBundleContributor, Ledger.LogEvidenceFiles>();
        services.AddSingleton<IBundleContributor, Provisions.ProvisionBundleFiles>();
        services.AddSingleton<IBundleCheck, Provisions.ProvisionBundleCheck>();
        services.AddSingleton<BundleVerifier>();
        services.AddSingleton<ArchiveRepairer>();
        services.AddSingleton<RawBlobRestorer>();
        services.AddSingleton<TextBlobRestorer>();
        services.AddSingleton<DocumentExtractor>();
        services.AddSingleton<Extraction.ExtractionSlots>();
        services.AddSingleton<TextFilter>();
        services.AddSingleton<PageVersioner>();
        services.AddSingleton<HistoryImporter>();
        services.AddSingleton<Tracking.ChangeAnnouncer>();
        services.AddSingleton<DocumentCapturer>();
        services.AddSingleton<CaptureCycle>();
        services.AddSingleton<Tracking.DocumentRemoval>();
        services.AddSingleton<QueuePublisher>();
        services.AddSingleton<Messaging.PoisonQueue>();
        services.AddSingleton(Messaging.RedrivePolicy.From(configuration));
        services.AddSingleton<Messaging.ParkedMessages>();
        services.AddSingleton<SubscriberDirectory>();
        services.AddSingleton<FollowDescriber>();
        services.AddSingleton<DigestBuilder>();

        services.AddSingleton<ScheduleCapturesHandler>();
        services.AddSingleton<CaptureDocumentHandler>();
        services.AddSingleton<FanOutChangeHandler>();
        services.AddSingleton<ScheduleDigestsHandler>();
        services.AddSingleton<SendEmailHandler>();
        services.AddSingleton<TimestampVersionHandler>();
        services.AddSingleton<RenewTimestampsHandler>();
        services.AddSingleton<SaveToWaybackHandler>();
        services.AddSingleton<RedriveParkedHandler>();
        services.AddSingleton<SequenceLogHandler>();

        services.AddSingleton<DeliverToChannelHandler>();

        services.AddSnapshotsEmail(configuration);
        services.AddSnapshotsChannels(configuration);
        return services;
    }
}
