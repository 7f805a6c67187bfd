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
    public async Task An_unchanged_check_writes_only_the_document_row_with_its_log_entry_in_one_request_and_reads_nothing_it_already_holds()
    {
        await using var t = await LoggedPipeline.StartAsync(recordFirstVersion: true);
        var (log, pipeline) = (t.Log, t.Pipeline);

        var outcome = await t.CheckAsync();

        Assert.Equal(CaptureStatus.Unchanged, outcome.Status);
        // The document row and the check's pending transparency-log entry: one entity-group transaction, one table write.
        Assert.Equal(["POST $batch"], log.Requests);

        log.Clear();
        var request = QueueMessageCodec.Encode(new CaptureRequest(CaptureRequest.CurrentVersion, [outcome.Document.ToString()], DateTimeOffset.UtcNow));
        await pipeline.Get<CaptureDocumentHandler>().HandleAsync(request);

        Assert.Equal(["GET documents", "POST $batch"], log.Requests);
    }

    [Fact]
    public async Task A_first_version_is_written_in_six_requests_and_owes_no_change_notice()
    {
        await using var t = await LoggedPipeline.StartAsync(recordFirstVersion: false);
        var (log, pipeline, catalog) = (t.Log, t.Pipeline, t.Catalog);

        var outcome = await t.CheckAsync();

        Assert.Equal(CaptureStatus.First, outcome.Status);
        // Raw page and text, the version row, then its pending transparency-log entry with the document row (one transaction),
        // its provisions: a first version is not a change, so no outbox.
        var id = outcome.Document;
        // Raw, WARC capture and text: three create-only blobs, then the rows.
        Assert.Equal([Blob(id), Blob(id), Blob(id), "POST versions", "POST $batch", "POST provisions"], WithoutBlobNames(log.Requests));
        Assert.Null((await pipeline.Get<VersionLedger>().GetAsync(id, 1)).NoticeSent);
        Assert.Null((await catalog.GetAsync(id)).NoticePendingSequence);
    }

    [Fact]
    public async Task A_change_is_announced_through_the_outbox_without_reading_back_its_own_version_row()
    {
        await using var t = await LoggedPipeline.StartAsync(recordFirstVersion: true);
        var (log, pipeline, catalog) = (t.Log, t.Pipeline, t.Catalog);
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training));

        var outcome = await t.CheckAsync();

        Assert.Equal(CaptureStatus.Changed, outcome.Status);
        // First the reads that decide it is a change (is it a recent variant? the platform's other documents, for site
        // chrome), then raw page and text, the previous text (to describe the change), the version row, its pending
        // transparency-log entry with the document row and its pending mark (one transaction), its provisions (following the
        // previous version's, with the previous text already read), then the outbox: claim, notice, "sent" mark, the document's mark cleared.
        var id = outcome.Document;
        var requests = WithoutBlobNames(log.Requests).ToList();
        var firstWrite = requests.IndexOf(Blob(id));
        Assert.All(requests.Take(firstWrite), r => Assert.StartsWith("GET ", r));
        Assert.Equal(
        [
            Blob(id), Blob(id), Blob(id), "GET " + Blob(id)[4..], "POST versions", "POST $batch", "GET provisions", "POST provisions",
            "PATCH versions", "POST changes/messages", "PATCH versions", "PUT documents",
        ], requests.Skip(firstWrite));
        Assert.True((await pipeline.Get<VersionLedger>().GetAsync(id, 2)).NoticeSent);
        Assert.Null((await catalog.GetAsync(id)).NoticePendingSequence);
    }

    private static string Blob(DocumentId id) => $"PUT snapshots/{id.Platform}/{id.TermsType}";

    private static IEnumerable<string> WithoutBlobNames(IEnumerable<string> requests) =>
        requests.Select(r => r.Contains(" snapshots/", StringComparison.Ordinal) ? r[..r.LastIndexOf('/')] : r);

    /// <summary>One privacy policy on a loopback site, tracked on a pipeline whose storage requests are logged.</summary>
    private sealed class LoggedPipeline(StorageRequestLog log, LoopbackSite site, TestPipeline pipeline) : IAsyncDisposable
    {
        public StorageRequestLog Log { get; } = log;
        public LoopbackSite Site { get; } = site;
        public TestPipeline Pipeline { get; } = pipeline;
        public DocumentCatalog Catalog => Pipeline.Get<DocumentCatalog>();

        public static async Task<LoggedPipeline> StartAsync(bool recordFirstVersion)
        {
            var log = new StorageRequestLog();
            var site = await LoopbackSite.StartAsync();
            var t = new LoggedPipeline(log, site, await TestPipeline.StartAsync(configure: services => services.AddSingleton<HttpPipelinePolicy>(log)));
            site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention));
            var declaration = DeclarationParser.Parse(PolicyPages.Declaration("Example AI", ("Privacy Policy", site.Url("/privacy"))), "example-ai.json");
            await t.Catalog.UpsertAsync(declaration.Documents.Single());
            if (recordFirstVersion) await t.CheckAsync();
            return t;
        }

        /// <summary>Checks the document in a capture cycle, logging only the requests of the check itself.</summary>
        public async Task<CaptureOutcome> CheckAsync()
        {
            var documents = await Catalog.ListAsync();
            Log.Clear();
            return Assert.Single(await Pipeline.Get<CaptureCycle>().RunAsync(documents));
        }

        public async ValueTask DisposeAsync()
        {
            await Pipeline.DisposeAsync();
            await Site.DisposeAsync();
        }
    }
}
