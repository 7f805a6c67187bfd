using Azure.Storage.Blobs;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Storage;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Tracking;

public sealed class HistoryImportTests
{
    private const string Url = "https://example.com/privacy";
    private static readonly DocumentId Id = DocumentId.Parse("example-ai/privacy-policy");

    private static string Page(string body, string title = "Privacy Policy", string nav = "Home") =>
        $"<!doctype html><html><head><title>{title}</title></head><body><nav>{nav}</nav><main class=\"legal\"><h1>Privacy Policy</h1>{body}</main></body></html>";

    private const string Retention = "<h2>Data retention</h2><p>We keep your prompts for 30 days. See <a href=\"https://example.com/faq\">the FAQ</a>.</p>";
    private const string RetentionChurned = "<h2 class=\"t\" id=\"r\">Data retention</h2>\n  <p data-v-1a2b>We keep your prompts for 30&nbsp;days. See <a title=\"f\" href=\"https://example.com/faq?utm_source=x&amp;gclid=9\">the\n FAQ</a>.<img src=\"/cdn/7f3a9c2e1b/logo.png?v=2\" alt=\"\"></p>";
    private const string Training = "<h2>Model training</h2><p>We do not use your content to train our models.</p>";
    private const string TrainingChanged = "<h2>Model training</h2><p>We use your content to train our models unless you opt out.</p>";
    private const string Challenge = "<!doctype html><html><head><title>Just a moment...</title></head><body><main class=\"legal\">Please enable JavaScript and cookies to continue</main></body></html>";

    private static HistoryFolderBuilder FiveCaptures() => new HistoryFolderBuilder()
        .Declarations(Url, ("main.legal", null))
        .Capture("2025-01-01T08-00-00Z", Page(Retention), gzip: true)
        .Capture("2025-01-02T08-00-00Z", Page(RetentionChurned, nav: "Home | Blog"))
        .Capture("2025-01-03T08-00-00Z", Page(Retention + Training), gzip: true)
        .Capture("2025-01-04T08-00-00Z", Challenge)
        .Capture("2025-01-05T08-00-00Z", Page(Retention + TrainingChanged));

    [Fact]
    public async Task Import_records_real_changes_at_their_capture_times_on_an_intact_chain_without_change_notices_and_reimport_records_nothing()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var folder = FiveCaptures();
        var cli = new CliRunner(pipeline.Configuration);

        var (exit, output) = await cli.RunAsync("history", "import", folder.Root, "--document", Id.ToString(), "--platform-name", "Example AI");

        Assert.Equal(0, exit);
        Assert.Contains("5 captures read, 3 versions recorded, 1 unchanged, 0 skipped, 1 extraction failures", output);
        Assert.Contains("2025-01-04T08-00-00Z", output);
        Assert.Contains("Just a moment", output);
        var versions = await pipeline.Get<VersionLedger>().ListAsync(Id);
        Assert.Equal(
            [new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 3, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 5, 8, 0, 0, TimeSpan.Zero)],
            versions.Select(v => v.CapturedAt));
        Assert.All(versions, v => Assert.Equal(HistoryImporter.Origin, v.Origin));
        Assert.Contains("unless you opt out", await pipeline.Get<SnapshotArchive>().ReadTextAsync(versions[^1].TextBlob));
        var verification = await pipeline.Get<ArchiveVerifier>().VerifyAsync(Id);
        Assert.True(verification.Passed, string.Join("\n", verification.Problems));
        Assert.Equal(3, verification.Versions);
        var notices = await pipeline.Storage.Queue(QueueNames.Changes).PeekMessagesAsync(maxMessages: 32);
        Assert.Empty(notices.Value);
        var document = await pipeline.Get<DocumentCatalog>().GetAsync(Id);
        Assert.Equal("Example AI", document.PlatformName);
        Assert.Equal(versions[^1].TextSha256, document.CurrentSha256);

        var again = await cli.RunAsync("history", "import", folder.Root, "--document", Id.ToString());

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("0 versions recorded", again.Output);
        Assert.Equal(3, (await pipeline.Get<VersionLedger>().ListAsync(Id)).Count);

        var history = await cli.RunAsync("history", Id.ToString());
        Assert.Equal(0, history.ExitCode);
        Assert.Contains("2025-01-05T08:00:00.000Z", history.Output);
        Assert.Contains("import", history.Output);
    }

    [Fact]
    public async Task Dry_run_prints_what_would_be_recorded_and_writes_nothing_to_storage()
    {
        var connection = await SharedAzurite.NewAccountAsync();
        var configuration = TestPipeline.BuildConfiguration(connection, null);
        var folder = FiveCaptures();

        var (exit, output) = await new CliRunner(configuration).RunAsync("history", "import", folder.Root, "--document", Id.ToString(), "--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains("3 versions would be recorded", output);
        Assert.Contains("2025-01-05T08-00-00Z", output);
        var blobs = new BlobServiceClient(connection);
        Assert.False(await blobs.GetBlobContainerClient(StorageNames.SnapshotsContainer).ExistsAsync());
        var tables = new Azure.Data.Tables.TableServiceClient(connection);
        Assert.Empty(await tables.QueryAsync().ToListAsync());
        var queues = new Azure.Storage.Queues.QueueServiceClient(connection);
        Assert.Empty(await queues.GetQueuesAsync().ToListAsync());
    }

    [Fact]
    public async Task Dry_run_on_existing_storage_adds_no_blob_or_row()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var folder = FiveCaptures();

        var (exit, output) = await new CliRunner(pipeline.Configuration).RunAsync("history", "import", folder.Root, "--document", Id.ToString(), "--dry-run");

        Assert.Equal(0, exit);
        Assert.Contains("3 versions would be recorded", output);
        Assert.Empty(await pipeline.Storage.Snapshots.GetBlobsAsync().ToListAsync());
        Assert.Empty(await pipeline.Storage.Documents.QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync());
        Assert.Empty(await pipeline.Storage.Versions.QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync());
    }

    [Fact]
    public async Task Each_capture_uses_the_declaration_in_force_at_its_time_switching_at_validUntil()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        const string both = "<!doctype html><html><head><title>Privacy</title></head><body><div class=\"old\"><p>Old layout: we keep logs for 30 days.</p></div><div class=\"new\"><p>New layout: we keep logs for 30 days.</p></div></body></html>";
        var folder = new HistoryFolderBuilder()
            .Declarations(Url, (".old", "2025-01-02T12:00:00Z"), (".new", null))
            .Capture("2025-01-01T08-00-00Z", both)
            .Capture("2025-01-02T12-00-00Z", both)
            .Capture("2025-01-03T08-00-00Z", both);

        var report = await pipeline.Get<HistoryImporter>().ImportAsync(HistoryFolder.Read(folder.Root), new HistoryImportRequest(Id, "Example AI"));

        Assert.Equal([HistoryStepKind.Recorded, HistoryStepKind.Unchanged, HistoryStepKind.Recorded], report.Steps.Select(s => s.Kind));
        var versions = await pipeline.Get<VersionLedger>().ListAsync(Id);
        var archive = pipeline.Get<SnapshotArchive>();
        Assert.StartsWith("Old layout", await archive.ReadTextAsync(versions[0].TextBlob));
        Assert.StartsWith("New layout", await archive.ReadTextAsync(versions[1].TextBlob));
        Assert.NotEqual(versions[0].DeclarationSha256, versions[1].DeclarationSha256);
        var current = await pipeline.Get<DocumentCatalog>().GetAsync(Id);
        Assert.Equal(".new", current.Declaration().Sources[0].Select[0].ToString());
    }

    [Fact]
    public async Task A_capture_older_than_the_latest_version_is_skipped_with_a_reason()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var importer = pipeline.Get<HistoryImporter>();
        var recent = new HistoryFolderBuilder().Declarations(Url, ("main.legal", null)).Capture("2025-01-03T08-00-00Z", Page(Retention));
        await importer.ImportAsync(HistoryFolder.Read(recent.Root), new HistoryImportRequest(Id));
        var older = new HistoryFolderBuilder().Declarations(Url, ("main.legal", null))
            .Capture("2025-01-01T08-00-00Z", Page(Training))
            .Capture("2025-01-04T08-00-00Z", Page(Retention + Training));

        var report = await importer.ImportAsync(HistoryFolder.Read(older.Root), new HistoryImportRequest(Id));

        var skipped = Assert.Single(report.Skipped);
        Assert.Equal("2025-01-01T08-00-00Z", skipped.Capture.Name);
        Assert.Contains("not newer than the latest version (1", skipped.Detail);
        Assert.Equal(1, report.Versions);
        Assert.Equal(2, (await pipeline.Get<VersionLedger>().ListAsync(Id)).Count);
    }

    [Fact]
    public async Task A_folder_without_expected_json_needs_document_and_the_error_names_the_folder()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var folder = new HistoryFolderBuilder().Declarations(Url, ("main.legal", null)).Capture("2025-01-01T08-00-00Z", Page(Retention));
        File.WriteAllText(Path.Combine(folder.Root, "captures", "notes.txt"), "x");

        var (exit, output) = await new CliRunner(pipeline.Configuration).RunAsync("history", "import", folder.Root, "--document", Id.ToString());

        Assert.Equal(2, exit);
        Assert.Contains("notes.txt", output);
        File.Delete(Path.Combine(folder.Root, "captures", "notes.txt"));
        var missing = await new CliRunner(pipeline.Configuration).RunAsync("history", "import", folder.Root);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--document", missing.Output);
    }
}
