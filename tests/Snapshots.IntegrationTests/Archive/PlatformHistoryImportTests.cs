using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Archive;

/// <summary>
/// History import of a platform's documents together: a banner that changed on all of them in the same round of captures is
/// platform chrome, as on a live check, and a real edit found in the same round is still a version.
/// </summary>
public sealed class PlatformHistoryImportTests
{
    private static readonly DocumentId Privacy = DocumentId.Parse("example-ai/privacy-policy");
    private static readonly DocumentId Terms = DocumentId.Parse("example-ai/terms-of-service");

    private static string Page(string banner, string body) => PolicyPages.Privacy($"<div class=\"x-7f3a\"><p>{banner}</p></div>{body}");

    private const string TermsBody = "<h2>Use of the service</h2><p>You may not use the service to break the law.</p>";

    /// <summary>Three rounds twelve hours apart; in each the terms are captured two minutes after the policy (as a crawler does).</summary>
    private static (HistoryFolderBuilder Privacy, HistoryFolderBuilder Terms) Folders()
    {
        var privacy = new HistoryFolderBuilder().Declarations("https://example.ai/privacy", ("main.legal", null))
            .Capture("2026-01-01T07-00-00Z", Page("Example 4 is now live!", PolicyPages.Retention))
            .Capture("2026-01-01T19-00-00Z", Page("Example 5 is now live! Try it today.", PolicyPages.Retention))
            .Capture("2026-01-02T07-00-00Z", Page("Example 5 is now live! Try it today.", PolicyPages.Retention + PolicyPages.Training))
            .Capture("2026-01-02T19-00-00Z", Page("Example 6 is here.", PolicyPages.Retention + PolicyPages.Training));
        var terms = new HistoryFolderBuilder().Declarations("https://example.ai/terms", ("main.legal", null))
            .Capture("2026-01-01T07-02-00Z", Page("Example 4 is now live!", TermsBody))
            .Capture("2026-01-01T19-02-00Z", Page("Example 5 is now live! Try it today.", TermsBody))
            .Capture("2026-01-02T07-02-00Z", Page("Example 5 is now live! Try it today.", TermsBody))
            .Capture("2026-01-02T19-02-00Z", Page("Example 6 is here.", TermsBody));
        return (privacy, terms);
    }

    private static IReadOnlyList<(HistoryFolder, HistoryImportRequest)> Together(HistoryFolderBuilder privacy, HistoryFolderBuilder terms, bool dryRun = false) =>
    [
        (HistoryFolder.Read(privacy.Root), new HistoryImportRequest(Privacy, "Example AI", dryRun)),
        (HistoryFolder.Read(terms.Root), new HistoryImportRequest(Terms, "Example AI", dryRun)),
    ];

    [Fact]
    public async Task A_banner_changed_on_every_document_of_the_round_is_not_a_version_and_a_real_edit_is()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var (privacy, terms) = Folders();
        var importer = pipeline.Get<HistoryImporter>();

        var dry = await importer.ImportTogetherAsync(Together(privacy, terms, dryRun: true));
        var reports = await importer.ImportTogetherAsync(Together(privacy, terms));

        Assert.Equal([HistoryStepKind.Recorded, HistoryStepKind.Unchanged, HistoryStepKind.Recorded, HistoryStepKind.Unchanged], reports[0].Steps.Select(s => s.Kind));
        Assert.Equal([HistoryStepKind.Recorded, HistoryStepKind.Unchanged, HistoryStepKind.Unchanged, HistoryStepKind.Unchanged], reports[1].Steps.Select(s => s.Kind));
        Assert.Contains("site chrome changed identically on all 2 documents of the platform", reports[0].Steps[1].Detail);
        Assert.Contains("site chrome changed identically on all 2 documents of the platform", reports[1].Steps[1].Detail);
        Assert.Equal(reports.Select(r => r.Versions), dry.Select(r => r.Versions));
        var ledger = pipeline.Get<VersionLedger>();
        var versions = await ledger.ListAsync(Privacy);
        Assert.Contains("We do not use your content to train our models.", await pipeline.Get<SnapshotArchive>().ReadTextAsync(versions[1].TextBlob));

        var again = await importer.ImportTogetherAsync(Together(privacy, terms));
        Assert.All(again, r => Assert.Equal(0, r.Versions));
        Assert.Equal(2, (await ledger.ListAsync(Privacy)).Count);
        Assert.Single(await ledger.ListAsync(Terms));
    }

    [Fact]
    public async Task Imported_alone_a_document_has_no_platform_to_compare_with_and_the_banner_is_a_version()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var (privacy, _) = Folders();

        var report = await pipeline.Get<HistoryImporter>().ImportAsync(HistoryFolder.Read(privacy.Root), new HistoryImportRequest(Privacy, "Example AI"));

        Assert.Equal(4, report.Versions);
    }

    [Fact]
    public async Task The_command_imports_several_folders_of_one_platform_together()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var (privacy, terms) = Folders();
        File.WriteAllText(Path.Combine(privacy.Root, "expected.json"), "{\"service\": \"Example AI\", \"serviceName\": \"Example AI\", \"termsType\": \"Privacy Policy\"}");
        File.WriteAllText(Path.Combine(terms.Root, "expected.json"), "{\"service\": \"Example AI\", \"serviceName\": \"Example AI\", \"termsType\": \"Terms of Service\"}");

        var (exit, output) = await new CliRunner(pipeline.Configuration).RunAsync("history", "import", privacy.Root, terms.Root);

        Assert.True(exit == 0, output);
        var summary = string.Join(' ', output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.True(summary.Contains("example-ai/privacy-policy: 4 captures read, 2 versions recorded", StringComparison.Ordinal), output);
        Assert.True(summary.Contains("example-ai/terms-of-service: 4 captures read, 1 versions recorded", StringComparison.Ordinal), output);
    }
}
