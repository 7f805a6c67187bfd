using Azure;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Storage;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Tracking;

/// <summary>Flipping page variants: returns to a known text are observations (evidence), not versions, and raise no alert.</summary>
public sealed class VariantTests
{
    // Two variants of one page, as a documentation site serves them by detected platform (⌘I or Ctrl+I).
    private static string Page(string hint, string extra = "") => PolicyPages.Privacy(
        PolicyPages.Retention + extra + $"<p>Ask the assistant: press {hint} to open it.</p>");

    private static readonly string Mac = Page("⌘I");
    private static readonly string Windows = Page("Ctrl+I");

    [Fact]
    public async Task Flips_between_two_variants_are_kept_as_observations_without_versions_or_notices_and_verify_passes()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", Mac);
        Assert.Equal(CaptureStatus.First, (await t.CheckAsync(id)).Status);
        t.Site.Page("/privacy", Windows);
        Assert.Equal(CaptureStatus.Changed, (await t.CheckAsync(id)).Status); // the second variant is not known yet

        foreach (var (page, returnsTo) in new[] { (Mac, 1L), (Windows, 2L), (Mac, 1L), (Windows, 2L), (Mac, 1L) })
        {
            t.Site.Page("/privacy", page);
            var outcome = await t.CheckAsync(id);
            Assert.Equal(CaptureStatus.Unchanged, outcome.Status);
            Assert.Contains($"returned to version {returnsTo}", outcome.Detail);
        }
        // The variant staying is plain "same text": no further observation.
        t.Site.Page("/privacy", Page("⌘I") + "<!-- other markup -->");
        Assert.Contains("same text", (await t.CheckAsync(id)).Detail);

        var versions = await t.Pipeline.Get<VersionLedger>().ListAsync(id);
        Assert.Equal(2, versions.Count);
        var observations = await t.Pipeline.Get<ObservationLog>().ListAsync(id);
        Assert.Equal([1L, 2L, 1L, 2L, 1L], observations.Select(o => o.Sequence));
        Assert.All(observations, o => Assert.Equal(versions[(int)o.Sequence - 1].TextBlob, o.TextBlob));
        Assert.Equal(6, await t.BlobCountAsync()); // two raw pages, their WARC captures and two texts: observations write no blob
        var document = await t.Catalog.GetAsync(id);
        Assert.Equal(2, document.VersionCount);
        Assert.Equal(versions[1].TextSha256, document.CurrentSha256);
        Assert.Equal(1, document.ServedSequence);
        Assert.Equal(versions[0].TextSha256, document.ServedSha256);

        var notices = (await t.Pipeline.Storage.Queue(QueueNames.Changes).PeekMessagesAsync(32)).Value;
        Assert.Single(notices); // version 2 only (a first version owes none), no observation

        // A real edit while the page serves variant 1: a version on the chain, described against what was served.
        t.Site.Page("/privacy", Page("⌘I", PolicyPages.Training));
        Assert.Equal(CaptureStatus.Changed, (await t.CheckAsync(id)).Status);
        var edit = await t.Pipeline.Get<VersionLedger>().GetAsync(id, 3);
        Assert.Equal(versions[1].TextSha256, edit.PreviousTextSha256);
        Assert.Equal(versions[0].TextSha256, edit.ComparedWithSha256);
        Assert.Equal(2, (await t.Pipeline.Storage.Queue(QueueNames.Changes).PeekMessagesAsync(32)).Value.Length);
        Assert.Null((await t.Catalog.GetAsync(id)).ServedSequence);

        var report = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync(id);
        Assert.True(report.Passed, string.Join("\n", report.Problems));
        Assert.Equal(5, report.Observations);

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("history", id.ToString());
        Assert.Equal(0, exit);
        Assert.Contains("alternates between versions 1 and 2, 5 times since", output);

        var verify = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify", id.ToString());
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("5 variant observations", verify.Output);
    }

    [Fact]
    public async Task An_altered_observation_is_named_by_verify()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", Mac);
        await t.CheckAsync(id);
        t.Site.Page("/privacy", Windows);
        await t.CheckAsync(id);
        t.Site.Page("/privacy", Mac);
        await t.CheckAsync(id);
        var observation = Assert.Single(await t.Pipeline.Get<ObservationLog>().ListAsync(id));

        observation.CapturedAt = observation.CapturedAt.AddHours(-1);
        await t.Pipeline.Storage.Observations.UpdateEntityAsync(observation, ETag.All);

        var report = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync(id);
        Assert.False(report.Passed);
        Assert.Contains(report.Problems, p => p.Problem.Contains("observation at") && p.Problem.Contains("the row was altered"));
    }

    [Fact]
    public async Task Old_text_coming_back_after_the_variant_window_is_a_change()
    {
        await using var t = await TrackedSite.StartAsync(new Dictionary<string, string?> { ["Capture:VariantWindow"] = "00:00:01" });
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", Mac);
        await t.CheckAsync(id);
        t.Site.Page("/privacy", Windows);
        await t.CheckAsync(id);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        t.Site.Page("/privacy", Mac);
        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Changed, outcome.Status);
        Assert.Equal(3, (await t.Pipeline.Get<VersionLedger>().ListAsync(id)).Count);
        Assert.Empty(await t.Pipeline.Get<ObservationLog>().ListAsync(id));
    }

    [Fact]
    public async Task Imported_history_folds_flips_and_a_reimport_adds_neither_versions_nor_observations()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var folder = new HistoryFolderBuilder()
            .Declarations("https://example.com/privacy", ("main.legal", null))
            .Capture("2026-02-01T07-00-00Z", Mac)
            .Capture("2026-02-01T19-00-00Z", Windows)
            .Capture("2026-02-02T07-00-00Z", Mac, gzip: true)
            .Capture("2026-02-02T19-00-00Z", Windows)
            .Capture("2026-02-03T07-00-00Z", Windows)
            .Capture("2026-02-03T19-00-00Z", Mac)
            .Capture("2026-02-04T07-00-00Z", Page("Ctrl+I", PolicyPages.Training))
            .Capture("2026-02-04T19-00-00Z", Mac);
        var id = DocumentId.Parse("example-ai/privacy-policy");
        var cli = new CliRunner(pipeline.Configuration);

        var dryRun = await cli.RunAsync("history", "import", folder.Root, "--document", id.ToString(), "--platform-name", "Example AI", "--dry-run");
        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains("8 captures read, 3 versions would be recorded", dryRun.Output);

        var (exit, output) = await cli.RunAsync("history", "import", folder.Root, "--document", id.ToString(), "--platform-name", "Example AI");

        Assert.Equal(0, exit);
        Assert.Contains("8 captures read, 3 versions recorded", output);
        Assert.Contains("4 returns to a known variant (observations, not versions)", output);
        var versions = await pipeline.Get<VersionLedger>().ListAsync(id);
        Assert.Equal(["2026-02-01T07:00:00.000Z", "2026-02-01T19:00:00.000Z", "2026-02-04T07:00:00.000Z"], versions.Select(v => HashChain.FormatTime(v.CapturedAt)));
        var observations = await pipeline.Get<ObservationLog>().ListAsync(id);
        Assert.Equal([1L, 2L, 1L, 1L], observations.Select(o => o.Sequence));
        Assert.True((await pipeline.Get<ArchiveVerifier>().VerifyAsync(id)).Passed);

        var again = await cli.RunAsync("history", "import", folder.Root, "--document", id.ToString());
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(3, (await pipeline.Get<VersionLedger>().ListAsync(id)).Count);
        Assert.Equal(4, (await pipeline.Get<ObservationLog>().ListAsync(id)).Count);

        var explain = await cli.RunAsync("diff", id.ToString(), "2", "3", "--explain");
        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("returns to known variants between these versions: 3", explain.Output);
        Assert.Contains("alternates between versions 1 and 2", explain.Output);

        // Removing the document with its history removes its observations too.
        Assert.Equal(0, (await cli.RunAsync("documents", "remove", id.ToString(), "--with-history")).ExitCode);
        Assert.Empty(await pipeline.Get<ObservationLog>().ListAsync(id));
    }
}
