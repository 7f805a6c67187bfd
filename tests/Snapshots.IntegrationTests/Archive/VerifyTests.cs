using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Archive;

namespace Snapshots.IntegrationTests.Archive;

public sealed class VerifyTests
{
    [Fact]
    public async Task Verify_passes_on_an_intact_archive_and_names_a_blob_altered_behind_its_back()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training));
        await t.CheckAsync(id);
        var verifier = t.Pipeline.Get<ArchiveVerifier>();

        var intact = await verifier.VerifyAsync();
        Assert.True(intact.Passed, string.Join("\n", intact.Problems));
        Assert.Equal(2, intact.Versions);
        Assert.Equal(6, intact.Blobs); // per version: text, raw snapshot and its WARC capture

        var versions = await t.Pipeline.Get<VersionLedger>().ListAsync(id);
        var tampered = versions[0].TextBlob;
        await t.Pipeline.Storage.Snapshots.GetBlobClient(tampered).UploadAsync(BinaryData.FromString("# Privacy Policy\n\nWe keep nothing.\n"), overwrite: true);

        var report = await verifier.VerifyAsync();
        var problem = Assert.Single(report.Problems);
        Assert.Equal(1, problem.Sequence);
        Assert.Contains(tampered, problem.Problem);
        Assert.Contains("altered", problem.Problem);
    }

    [Fact]
    public async Task Verify_detects_a_ledger_row_whose_capture_time_was_rewritten()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var version = Assert.Single(await t.Pipeline.Get<VersionLedger>().ListAsync(id));
        version.CapturedAt = version.CapturedAt.AddDays(-30);
        await t.Pipeline.Storage.Versions.UpdateEntityAsync(version, version.ETag);

        var report = await t.Pipeline.Get<ArchiveVerifier>().VerifyAsync(id);

        Assert.Contains(report.Problems, p => p.Sequence == 1 && p.Problem.Contains("chain hash"));
    }
}
