using Snapshots.Catalog;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>A test pipeline plus a loopback site serving the pages of one declared platform.</summary>
public sealed class TrackedSite : IAsyncDisposable
{
    private TrackedSite(TestPipeline pipeline, LoopbackSite site)
    {
        Pipeline = pipeline;
        Site = site;
    }

    public TestPipeline Pipeline { get; }
    public LoopbackSite Site { get; }
    public DocumentCatalog Catalog => Pipeline.Get<DocumentCatalog>();

    public static async Task<TrackedSite> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var site = await LoopbackSite.StartAsync();
        return new TrackedSite(await TestPipeline.StartAsync(settings), site);
    }

    /// <summary>Serves <paramref name="html"/> at <paramref name="path"/> and tracks it as the platform's document of that terms type.</summary>
    public async Task<DocumentId> TrackAsync(string platform, string termsType, string path, string html)
    {
        Site.Page(path, html);
        var declaration = DeclarationParser.Parse(PolicyPages.Declaration(platform, (termsType, Site.Url(path))), $"{Slug.From(platform)}.json");
        var document = declaration.Documents.Single();
        await Catalog.UpsertAsync(document);
        return document.Id;
    }

    public async Task<CaptureOutcome> CheckAsync(DocumentId id)
    {
        var outcomes = await Pipeline.Get<CaptureCycle>().RunAsync([await Catalog.GetAsync(id)]);
        return outcomes.Single();
    }

    public async Task<int> BlobCountAsync()
    {
        var count = 0;
        await foreach (var _ in Pipeline.Storage.Snapshots.GetBlobsAsync()) count++;
        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await Site.DisposeAsync();
    }
}
