using Snapshots.Archive;
using Snapshots.Tracking;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Tracking;

/// <summary>History import of a combined document: one folder per capture, one numbered file per source.</summary>
public sealed class CombinedHistoryImportTests
{
    private static readonly DocumentId Id = DocumentId.Parse("example-ai/data-processor-agreement");

    private const string Addendum = "<html><body><nav>Menu</nav><section id=\"dpa\"><h1>Data Processing Addendum</h1><p>We process personal data on your instructions.</p></section></body></html>";
    private const string Subprocessors = "<html><body><div id=\"app\"><table><tr><th>Subprocessor</th><th>Country</th></tr><tr><td>Cloud Co</td><td>France</td></tr></table></div></body></html>";
    private const string SubprocessorsAdded = "<html><body><div id=\"app\"><table><tr><th>Subprocessor</th><th>Country</th></tr><tr><td>Cloud Co</td><td>France</td></tr><tr><td>Mail Co</td><td>USA</td></tr></table></div></body></html>";

    private static string Declarations(string addendumUrl, string subprocessorsUrl) => $$"""
        [{"combine": [
            {"fetch": "{{addendumUrl}}", "select": ["#dpa"]},
            {"fetch": "{{subprocessorsUrl}}", "select": ["table"], "executeClientScripts": true}
        ]}]
        """;

    [Fact]
    public async Task A_combined_documents_history_imports_in_source_order_with_the_text_a_live_check_records()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var folder = new HistoryFolderBuilder()
            .DeclarationsJson(Declarations("https://example.com/terms/", "https://trust.example.com/subprocessors"))
            .CombinedCapture("2025-03-01T08-00-00Z", Addendum, Subprocessors)
            .CombinedCapture("2025-03-08T08-00-00Z", Addendum, Subprocessors)
            .CombinedCapture("2025-03-15T08-00-00Z", Addendum, SubprocessorsAdded);
        var cli = new CliRunner(pipeline.Configuration);

        var (exit, output) = await cli.RunAsync("history", "import", folder.Root, "--document", Id.ToString(), "--platform-name", "Example AI");

        Assert.Equal(0, exit);
        Assert.Contains("3 captures read, 2 versions recorded, 1 unchanged", output);
        var versions = await pipeline.Get<VersionLedger>().ListAsync(Id);
        Assert.Equal(2, versions.Count);
        Assert.Equal(2, versions[^1].RawSources().Count);
        var text = await pipeline.Get<SnapshotArchive>().ReadTextAsync(versions[^1].TextBlob);
        Assert.True(text.IndexOf("on your instructions", StringComparison.Ordinal) < text.IndexOf("Mail Co", StringComparison.Ordinal), text);
        Assert.DoesNotContain("Menu", text);

        // The same two pages checked live (served statically here) give exactly the same text.
        await using var site = await LoopbackSite.StartAsync();
        site.Page("/terms/", Addendum);
        site.Page("/subprocessors", SubprocessorsAdded);
        var live = DeclarationParser.ParseDocument("Data Processor Agreement",
            System.Text.Json.JsonDocument.Parse($$"""{"combine": [{"fetch": "{{site.Url("/terms/")}}", "select": ["#dpa"]}, {"fetch": "{{site.Url("/subprocessors")}}", "select": ["table"]}]}""").RootElement,
            "Live AI", "live-ai", "live.json");
        await pipeline.Get<DocumentCatalog>().UpsertAsync(live);
        var outcome = (await pipeline.Get<CaptureCycle>().RunAsync([await pipeline.Get<DocumentCatalog>().GetAsync(live.Id)])).Single();
        Assert.Equal(CaptureStatus.First, outcome.Status);
        var liveVersion = (await pipeline.Get<VersionLedger>().ListAsync(live.Id)).Single();
        Assert.Equal(text, await pipeline.Get<SnapshotArchive>().ReadTextAsync(liveVersion.TextBlob));
    }

    [Fact]
    public async Task A_single_file_capture_of_a_combined_document_is_refused_naming_the_layout()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var folder = new HistoryFolderBuilder()
            .DeclarationsJson(Declarations("https://example.com/terms/", "https://trust.example.com/subprocessors"))
            .Capture("2025-03-01T08-00-00Z", Addendum);
        var cli = new CliRunner(pipeline.Configuration);

        var (exit, output) = await cli.RunAsync("history", "import", folder.Root, "--document", Id.ToString(), "--platform-name", "Example AI");

        Assert.NotEqual(0, exit);
        Assert.Contains("combines 2 pages", output);
        Assert.Contains("2025-03-01T08-00-00Z/ holding 1.html to 2.html", output);
        Assert.Empty(await pipeline.Get<VersionLedger>().ListAsync(Id));
    }
}
