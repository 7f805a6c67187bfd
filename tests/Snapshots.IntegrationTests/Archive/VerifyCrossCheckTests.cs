using Snapshots.Text;
using Azure.Data.Tables;
using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Archive;

/// <summary>verify cross-checks the document row, the ledger and the blobs; verify --repair restores what it safely can.</summary>
public sealed class VerifyCrossCheckTests
{
    [Fact]
    public async Task Verify_names_a_document_whose_version_rows_were_deleted_and_the_blobs_they_leave_behind()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training));
        await t.CheckAsync(id);
        var versions = await t.Pipeline.Get<VersionLedger>().ListAsync(id);
        foreach (var version in versions) await t.Pipeline.Storage.Versions.DeleteEntityAsync(version.PartitionKey, version.RowKey);

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify");

        Assert.Equal(1, exit);
        Assert.Contains($"{id}: document row says version 2", output);
        Assert.Contains("the ledger has no versions", output);
        foreach (var version in versions) Assert.Contains($"blob snapshots/{version.TextBlob} belongs to no version", output);
    }

    [Fact]
    public async Task Verify_repair_restores_the_current_versions_missing_raw_blob_when_the_page_still_serves_the_same_bytes()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var raw = Assert.Single(Assert.Single(await t.Pipeline.Get<VersionLedger>().ListAsync(id)).RawSources());
        await t.Pipeline.Storage.Snapshots.DeleteBlobAsync(raw.Blob);
        var cli = new CliRunner(t.Pipeline.Configuration);
        var broken = await cli.RunAsync("verify");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains($"blob snapshots/{raw.Blob} is missing", broken.Output);

        var (exit, output) = await cli.RunAsync("verify", "--repair");

        Assert.True(exit == 0, output);
        Assert.Contains($"repaired {id} version 1: raw blob snapshots/{raw.Blob} restored", output);
        Assert.Contains("verified", output);
        Assert.Equal(raw.Sha256, Sha256Hex.Of((await t.Pipeline.Storage.Snapshots.GetBlobClient(raw.Blob).DownloadContentAsync()).Value.Content.ToArray()));
    }

    [Fact]
    public async Task Verify_repair_flags_a_missing_raw_blob_it_cannot_restore_and_brings_a_document_row_up_to_its_ledger()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var raw = Assert.Single(Assert.Single(await t.Pipeline.Get<VersionLedger>().ListAsync(id)).RawSources());
        await t.Pipeline.Storage.Snapshots.DeleteBlobAsync(raw.Blob);
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Training));
        var document = await t.Catalog.GetAsync(id);
        await t.Pipeline.Storage.Documents.UpdateEntityAsync(new TableEntity(document.PartitionKey, document.RowKey)
        {
            ["VersionCount"] = 0L,
            ["CurrentSha256"] = null,
        }, Azure.ETag.All, TableUpdateMode.Merge);

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify", "--repair");

        Assert.Equal(1, exit);
        Assert.Contains($"repaired {id}: document row brought up from version 0 to the ledger's last, version 1", output);
        Assert.Contains($"left {id} version 1: raw blob snapshots/{raw.Blob} is missing and", output);
        Assert.Contains("now serves other bytes", output);
        Assert.False((await t.Pipeline.Storage.Snapshots.GetBlobClient(raw.Blob).ExistsAsync()).Value);
        Assert.Equal(1, (await t.Catalog.GetAsync(id)).VersionCount);
    }

    [Fact]
    public async Task When_the_page_cannot_be_fetched_during_repair_the_next_check_fetches_without_validators_and_restores_the_blob()
    {
        await using var t = await TrackedSite.StartAsync();
        var html = PolicyPages.Privacy(PolicyPages.Retention);
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", html);
        await t.CheckAsync(id);
        var raw = Assert.Single(Assert.Single(await t.Pipeline.Get<VersionLedger>().ListAsync(id)).RawSources());
        await t.Pipeline.Storage.Snapshots.DeleteBlobAsync(raw.Blob);
        t.Site.Handle("/privacy", context => { context.Response.StatusCode = 404; return Task.CompletedTask; });
        var cli = new CliRunner(t.Pipeline.Configuration);

        var repair = await cli.RunAsync("verify", "--repair");

        Assert.Equal(1, repair.ExitCode);
        Assert.Contains($"left {id} version 1: raw blob snapshots/{raw.Blob} is missing and {raw.Url} could not be fetched again", repair.Output);
        Assert.Equal(raw.Sha256, (await t.Catalog.GetAsync(id)).MissingRawSha256);

        t.Site.Page("/privacy", html);
        var requestsBefore = t.Site.Requests.Count;
        var outcome = await t.CheckAsync(id);

        Assert.Equal(Snapshots.Tracking.CaptureStatus.Unchanged, outcome.Status);
        var fetch = t.Site.Requests.Skip(requestsBefore).Single(r => r.Path == "/privacy");
        Assert.False(fetch.Headers.ContainsKey("If-None-Match"), "the restoring check must fetch without validators");
        Assert.True((await t.Pipeline.Storage.Snapshots.GetBlobClient(raw.Blob).ExistsAsync()).Value);
        Assert.Null((await t.Catalog.GetAsync(id)).MissingRawSha256);
        var verify = await cli.RunAsync("verify");
        Assert.True(verify.ExitCode == 0, verify.Output);
    }
}
