using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Archive;
using Snapshots.Tracking;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>A tracked loopback site on a pipeline whose storage requests pass through a <see cref="StorageFault"/>.</summary>
internal sealed class FaultySite : IAsyncDisposable
{
    private FaultySite(TestPipeline pipeline, LoopbackSite site, StorageFault fault)
    {
        Pipeline = pipeline;
        Site = site;
        Fault = fault;
    }

    public TestPipeline Pipeline { get; }
    public LoopbackSite Site { get; }
    public StorageFault Fault { get; }
    public DocumentCatalog Catalog => Pipeline.Get<DocumentCatalog>();
    public VersionLedger Ledger => Pipeline.Get<VersionLedger>();

    public static async Task<FaultySite> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var fault = new StorageFault();
        var site = await LoopbackSite.StartAsync();
        var pipeline = await TestPipeline.StartAsync(settings, services =>
        {
            services.AddSingleton<HttpPipelinePolicy>(fault);
            if (clock is not null) services.AddSingleton(clock);
        });
        return new FaultySite(pipeline, site, fault);
    }

    public async Task<DocumentId> TrackAsync(string path, string html, string? declarationJson = null)
    {
        Site.Page(path, html);
        var json = declarationJson ?? PolicyPages.Declaration("Example AI", ("Privacy Policy", Site.Url(path)));
        var document = DeclarationParser.Parse(json, "example-ai.json").Documents.Single();
        await Catalog.UpsertAsync(document);
        return document.Id;
    }

    public async Task<CaptureOutcome> CheckAsync(DocumentId id) =>
        (await Pipeline.Get<CaptureCycle>().RunAsync([await Catalog.GetAsync(id)])).Single();

    /// <summary>The sequence numbers of the change notices on the changes queue, in order (peeked, not taken).</summary>
    public async Task<IReadOnlyList<long>> NoticesAsync()
    {
        var messages = (await Pipeline.Storage.Queue(QueueNames.Changes).PeekMessagesAsync(32)).Value;
        return messages.Select(m => QueueMessageCodec.Decode<ChangeNotice>(QueueNames.Changes, m.MessageText, ChangeNotice.CurrentVersion).Sequence).ToList();
    }

    public ValueTask DisposeAsync() => DisposeBothAsync();

    private async ValueTask DisposeBothAsync()
    {
        await Pipeline.DisposeAsync();
        await Site.DisposeAsync();
    }
}
