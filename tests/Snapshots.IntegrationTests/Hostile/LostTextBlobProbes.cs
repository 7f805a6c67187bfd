using Snapshots.Text;
using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// A text blob the store lost (acknowledged, then gone after a crash): it must not block the checks of the platform's other
/// documents, and <c>verify --repair</c> re-derives it from the version's raw snapshot.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class LostTextBlobProbes
{
    private const string Terms = "<h2>Use of the service</h2><p>You may not use the service to break the law.</p>";

    [Fact]
    public async Task A_lost_text_blob_does_not_block_a_sibling_documents_check_and_repair_re_derives_it_from_the_raw_snapshot()
    {
        await using var t = await TrackedSite.StartAsync();
        var privacy = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var terms = await t.TrackAsync("Example AI", "Terms of Service", "/terms", PolicyPages.Privacy(Terms));
        Assert.Equal(CaptureStatus.First, (await t.CheckAsync(privacy)).Status);
        Assert.Equal(CaptureStatus.First, (await t.CheckAsync(terms)).Status);
        var lost = Assert.Single(await t.Pipeline.Get<VersionLedger>().ListAsync(privacy));
        await t.Pipeline.Storage.Snapshots.DeleteBlobAsync(lost.TextBlob);

        t.Site.Page("/terms", PolicyPages.Privacy(Terms + "<p>You must be 18 or older.</p>"));
        var sibling = await t.CheckAsync(terms);

        Assert.True(sibling.Status == CaptureStatus.Changed, $"{sibling.Status}: {sibling.Detail}");

        var cli = new CliRunner(t.Pipeline.Configuration);
        var broken = await cli.RunAsync("verify");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains($"blob snapshots/{lost.TextBlob} is missing", broken.Output);

        var (exit, output) = await cli.RunAsync("verify", "--repair");

        Assert.True(exit == 0, output);
        Assert.Contains($"repaired {privacy} version 1: text blob snapshots/{lost.TextBlob} re-derived", output);
        var text = await t.Pipeline.Get<SnapshotArchive>().ReadAsync(lost.TextBlob);
        Assert.Equal(lost.TextSha256, Sha256Hex.Of(text));
    }
}
