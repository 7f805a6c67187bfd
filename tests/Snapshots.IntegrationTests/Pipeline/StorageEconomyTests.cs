using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Catalog;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Pipeline;

/// <summary>What an unchanged check costs in storage requests: the figure behind the running cost of the service.</summary>
public sealed class StorageEconomyTests
{
    [Fact]
    public async Task An_unchanged_check_writes_only_the_document_row_and_reads_nothing_it_already_holds()
    {
        var log = new StorageRequestLog();
        await using var site = await LoopbackSite.StartAsync();
        await using var pipeline = await TestPipeline.StartAsync(configure: services => services.AddSingleton<HttpPipelinePolicy>(log));
        var catalog = await TrackOnePageAsync(site, pipeline);
        var cycle = pipeline.Get<CaptureCycle>();
        await cycle.RunAsync(await catalog.ListAsync());

        var documents = await catalog.ListAsync();
        log.Clear();
        var outcome = Assert.Single(await cycle.RunAsync(documents));

        Assert.Equal(CaptureStatus.Unchanged, outcome.Status);
        Assert.Equal(["PUT documents"], log.Requests);

        log.Clear();
        var request = QueueMessageCodec.Encode(new CaptureRequest(CaptureRequest.CurrentVersion, [outcome.Document.ToString()], DateTimeOffset.UtcNow));
        await pipeline.Get<CaptureDocumentHandler>().HandleAsync(request);

        Assert.Equal(["GET documents", "PUT documents"], log.Requests);
    }

    [Fact]
    public async Task A_first_version_is_written_in_four_requests_and_owes_no_change_notice()
    {
        var log = new StorageRequestLog();
        await using var site = await LoopbackSite.StartAsync();
        await using var pipeline = await TestPipeline.StartAsync(configure: services => services.AddSingleton<HttpPipelinePolicy>(log));
        var catalog = await TrackOnePageAsync(site, pipeline);
        var documents = await catalog.ListAsync();
        log.Clear();

        var outcome = Assert.Single(await pipeline.Get<CaptureCycle>().RunAsync(documents));

        Assert.Equal(CaptureStatus.First, outcome.Status);
        // Raw page and text, the version row, the document row: a first version is not a change, so no outbox.
        var id = outcome.Document;
        Assert.Equal([Blob(id), Blob(id), "POST versions", "PUT documents"], WithoutBlobNames(log.Requests));
        Assert.Null((await pipeline.Get<VersionLedger>().GetAsync(id, 1)).NoticeSent);
        Assert.Null((await catalog.GetAsync(id)).NoticePendingSequence);
    }

    [Fact]
    public async Task A_change_is_announced_through_the_outbox_without_reading_back_its_own_version_row()
    {
        var log = new StorageRequestLog();
        await using var site = await LoopbackSite.StartAsync();
        await using var pipeline = await TestPipeline.StartAsync(configure: services => services.AddSingleton<HttpPipelinePolicy>(log));
        var catalog = await TrackOnePageAsync(site, pipeline);
        var cycle = pipeline.Get<CaptureCycle>();
        await cycle.RunAsync(await catalog.ListAsync());
        site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training));
        var documents = await catalog.ListAsync();
        log.Clear();

        var outcome = Assert.Single(await cycle.RunAsync(documents));

        Assert.Equal(CaptureStatus.Changed, outcome.Status);
        // First the reads that decide it is a change (is it a recent variant? the platform's other documents, for site
        // chrome), then raw page and text, the previous text (to describe the change), the version row, the document row
        // with its pending mark, then the outbox: claim, notice, "sent" mark, the document's mark cleared.
        var id = outcome.Document;
        var requests = WithoutBlobNames(log.Requests).ToList();
        var firstWrite = requests.IndexOf(Blob(id));
        Assert.All(requests.Take(firstWrite), r => Assert.StartsWith("GET ", r));
        Assert.Equal(
        [
            Blob(id), Blob(id), "GET " + Blob(id)[4..], "POST versions", "PUT documents",
            "PATCH versions", "POST changes/messages", "PATCH versions", "PUT documents",
        ], requests.Skip(firstWrite));
        Assert.True((await pipeline.Get<VersionLedger>().GetAsync(id, 2)).NoticeSent);
        Assert.Null((await catalog.GetAsync(id)).NoticePendingSequence);
    }

    private static string Blob(DocumentId id) => $"PUT snapshots/{id.Platform}/{id.TermsType}";

    private static IEnumerable<string> WithoutBlobNames(IEnumerable<string> requests) =>
        requests.Select(r => r.Contains(" snapshots/", StringComparison.Ordinal) ? r[..r.LastIndexOf('/')] : r);

    /// <summary>One privacy policy on the site, tracked: the catalog that holds it.</summary>
    private static async Task<DocumentCatalog> TrackOnePageAsync(LoopbackSite site, TestPipeline pipeline)
    {
        site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var declaration = DeclarationParser.Parse(PolicyPages.Declaration("Example AI", ("Privacy Policy", site.Url("/privacy"))), "example-ai.json");
        var catalog = pipeline.Get<DocumentCatalog>();
        await catalog.UpsertAsync(declaration.Documents.Single());
        return catalog;
    }
}
