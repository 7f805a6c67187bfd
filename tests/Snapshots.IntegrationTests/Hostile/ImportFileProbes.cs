using System.Diagnostics;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// Imports given a folder where one entry is not a regular file (a FIFO, a symlink to /dev/zero): the command ends within
/// seconds, names the file, writes nothing, and what was stored before is left as it was. A hang fails the probe (and the
/// FIFO is then opened once for writing so the blocked reader ends) instead of hanging the suite.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class ImportFileProbes
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static string Declaration(string name, string url) =>
        "{\"name\": \"" + name + "\", \"terms\": {\"Privacy Policy\": {\"fetch\": \"" + url + "\"}}}";

    private static void MakeFifo(string file)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [file]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static async Task<(int ExitCode, string Output)> RunWithinAsync(CliRunner cli, string? fifo, params string[] args)
    {
        // On a thread of its own: a reader blocked in open() on a FIFO blocks the thread that called it, before any await.
        var run = Task.Run(() => cli.RunAsync(args));
        try
        {
            return await run.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            if (fifo is not null) { using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { } }
            Assert.Fail($"snapshots {string.Join(' ', args)} did not end within {Patience.TotalSeconds} s");
            throw;
        }
    }

    [Theory]
    [InlineData("fifo")]
    [InlineData("dev-zero")]
    public async Task A_folder_import_with_a_file_that_is_not_regular_names_it_and_writes_nothing(string kind)
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var catalog = pipeline.Get<DocumentCatalog>();
        var stored = DeclarationParser.Parse(Declaration("Stored AI", "https://stored.example.com/privacy"), "stored.json").Documents.Single();
        await catalog.UpsertAsync(stored);
        var before = (await catalog.GetAsync(stored.Id)).DeclarationJson;
        var folder = Directory.CreateTempSubdirectory("snapshots-import-").FullName;
        File.WriteAllText(Path.Combine(folder, "a.json"), Declaration("Alpha AI", "https://alpha.example.com/privacy"));
        File.WriteAllText(Path.Combine(folder, "stored.json"), Declaration("Stored AI", "https://stored.example.com/changed"));
        var bad = Path.Combine(folder, "x.json");
        if (kind == "fifo") MakeFifo(bad);
        else File.CreateSymbolicLink(bad, "/dev/zero");
        try
        {
            var (exit, output) = await RunWithinAsync(new CliRunner(pipeline.Configuration), kind == "fifo" ? bad : null, "documents", "import", folder);

            Assert.Equal(2, exit);
            Assert.Contains("x.json", output);
            Assert.Contains("not a regular file", output);
            Assert.Contains("Nothing was imported", output);
            Assert.DoesNotContain("   at ", output);
            var documents = await catalog.ListAsync();
            Assert.Equal([stored.Id], documents.Select(d => d.Id));
            Assert.Equal(before, documents.Single().DeclarationJson);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_history_import_with_a_capture_linked_to_dev_zero_is_refused_before_recording_anything()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var id = DocumentId.Parse("example-ai/privacy-policy");
        var folder = new HistoryFolderBuilder()
            .Declarations("https://example.com/privacy", ("main", null))
            .Capture("2025-01-01T08-00-00Z", PolicyPages.Privacy(PolicyPages.Retention));
        var bad = Path.Combine(folder.Root, "captures", "2025-01-08T08-00-00Z.html");
        File.CreateSymbolicLink(bad, "/dev/zero");

        var (exit, output) = await RunWithinAsync(new CliRunner(pipeline.Configuration), null,
            "history", "import", folder.Root, "--document", id.ToString(), "--platform-name", "Example AI");

        Assert.NotEqual(0, exit);
        Assert.Contains("2025-01-08T08-00-00Z.html", output);
        Assert.Contains("not a regular file", output);
        Assert.DoesNotContain("   at ", output);
        Assert.Empty(await pipeline.Get<VersionLedger>().ListAsync(id));
        Assert.Null(await pipeline.Get<DocumentCatalog>().FindAsync(id));
    }

    [Fact]
    public async Task A_history_import_with_a_gzip_capture_that_inflates_past_the_limit_is_refused_before_recording_anything()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var id = DocumentId.Parse("example-ai/privacy-policy");
        var folder = new HistoryFolderBuilder()
            .Declarations("https://example.com/privacy", ("main", null))
            .Capture("2025-01-01T08-00-00Z", PolicyPages.Privacy(PolicyPages.Retention))
            .Capture("2025-01-08T08-00-00Z", PolicyPages.Privacy(PolicyPages.Retention + new string(' ', 40 * 1024 * 1024)), gzip: true);

        var (exit, output) = await RunWithinAsync(new CliRunner(pipeline.Configuration), null,
            "history", "import", folder.Root, "--document", id.ToString(), "--platform-name", "Example AI");

        Assert.NotEqual(0, exit);
        Assert.Contains("2025-01-08T08-00-00Z.html.gz", output);
        Assert.Contains("more than", output);
        Assert.Empty(await pipeline.Get<VersionLedger>().ListAsync(id));
    }
}
