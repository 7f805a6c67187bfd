using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Archive;
using Snapshots.Catalog;

namespace Snapshots.IntegrationTests.Cli;

public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_once_imports_the_declarations_captures_through_the_queues_and_exits()
    {
        await using var t = await TrackedSite.StartAsync();
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var file = Path.Combine(Directory.CreateTempSubdirectory("snapshots-run-").FullName, "example-ai.json");
        File.WriteAllText(file, PolicyPages.Declaration("Example AI", ("Privacy Policy", t.Site.Url("/privacy"))));
        var cli = new CliRunner(t.Pipeline.Configuration);

        var (exit, output) = await cli.RunAsync("run", "--once", "--declarations", file);

        Assert.Equal(0, exit);
        Assert.Contains("Tracking 1 documents", output);
        var version = Assert.Single(await t.Pipeline.Get<VersionLedger>().ListAsync(DocumentId.Parse("example-ai/privacy-policy")));
        Assert.Equal(1, version.Sequence);
        Assert.Equal(0, (await t.Pipeline.Storage.Queue("capture").GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(1, t.Site.RequestCount("/privacy"));
    }
}
