using System.IO.Compression;
using System.Text.Json;
using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// <c>export --wacz</c> given what it cannot honestly pack: a document that does not exist, a range whose versions have no
/// WARC capture (imported history), an output folder that does not exist, and a WARC blob altered in storage. Each is refused
/// or named with a clear message (exit 2, or 1 for a capture that does not match its records); nothing half-written is left
/// and an altered capture is never packed as good.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class WaczProbes
{
    [Fact]
    public async Task An_unknown_document_is_refused_naming_it_and_writes_nothing()
    {
        await using var t = await TrackedSite.StartAsync();
        await t.CheckAsync(await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention)));
        var folder = Directory.CreateTempSubdirectory("snapshots-wacz-").FullName;

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("export", "nobody-ai/privacy-policy", "--wacz", "-o", Path.Combine(folder, "x.wacz"));

        Assert.True(exit == 2, output);
        Assert.Contains("unknown document 'nobody-ai/privacy-policy'", output);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task A_range_whose_versions_have_no_WARC_is_refused_with_exit_2_and_writes_nothing()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var history = new HistoryFolderBuilder()
            .Declarations("https://example.com/privacy", ("main.legal", null))
            .Capture("2025-01-01T08-00-00Z", Page("We keep your prompts for 30 days."))
            .Capture("2025-01-02T08-00-00Z", Page("We keep your prompts for 60 days."));
        var cli = new CliRunner(pipeline.Configuration);
        Assert.Equal(0, (await cli.RunAsync("history", "import", history.Root, "--document", "example-ai/privacy-policy", "--platform-name", "Example AI")).ExitCode);
        var folder = Directory.CreateTempSubdirectory("snapshots-wacz-").FullName;

        var (exit, output) = await cli.RunAsync("export", "example-ai/privacy-policy", "--wacz", "-o", Path.Combine(folder, "history.wacz"));

        Assert.True(exit == 2, output);
        Assert.Contains("example-ai/privacy-policy versions 1 to 2 have no WARC capture", output);
        Assert.DoesNotContain("   at ", output);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task An_output_in_a_missing_folder_is_refused_naming_the_folder()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var folder = Directory.CreateTempSubdirectory("snapshots-wacz-").FullName;
        var path = Path.Combine(folder, "missing", "x.wacz");

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("export", id.ToString(), "--wacz", "-o", path);

        Assert.True(exit == 2, output);
        Assert.Contains($"cannot write {path}: the folder {Path.Combine(folder, "missing")} does not exist", output);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task A_WARC_blob_altered_in_storage_is_named_and_left_out_never_packed_as_good()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        Assert.True((await t.ChangeAsync(id, PolicyPages.Privacy("<h2>Data retention</h2><p>We keep your prompts for 9 days.</p>"))).IsChange);
        var first = (await t.Ledger.GetAsync(id, 1)).RawSources().Single();
        var second = (await t.Ledger.GetAsync(id, 2)).RawSources().Single();
        var blob = t.Pipeline.Storage.Snapshots.GetBlobClient(first.WarcBlob);
        var altered = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        altered[altered.Length / 2] ^= 0x01;
        await blob.UploadAsync(BinaryData.FromBytes(altered), overwrite: true);
        var wacz = Path.Combine(Directory.CreateTempSubdirectory("snapshots-wacz-").FullName, "privacy.wacz");

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("export", id.ToString(), "--wacz", "-o", wacz);

        Assert.True(exit == 1, output);
        Assert.Contains($"MISMATCH {id} version 1: WARC blob snapshots/{first.WarcBlob} does not hash to its recorded SHA-256", output);
        Assert.Contains("Left out: version 1 (its WARC capture does not match its records", output);
        using var zip = ZipFile.OpenRead(wacz);
        using var warc = new MemoryStream();
        using (var stream = zip.GetEntry("archive/data.warc.gz")!.Open()) await stream.CopyToAsync(warc);
        // Only version 2's capture, byte for byte; the altered bytes are nowhere in the WACZ.
        Assert.Equal(await t.Pipeline.Get<SnapshotArchive>().ReadAsync(second.WarcBlob!), warc.ToArray());
        using var package = JsonDocument.Parse(zip.GetEntry("datapackage.json")!.Open());
        Assert.Contains("Left out: version 1 (its WARC capture does not match its records", package.RootElement.GetProperty("description").GetString());
    }

    private static string Page(string retention) =>
        $"<!doctype html><html><head><title>Privacy Policy</title></head><body><main class=\"legal\"><h1>Privacy Policy</h1><h2>Data retention</h2><p>{retention}</p></main></body></html>";
}
