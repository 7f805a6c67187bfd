using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Cli;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task A_second_demo_run_records_nothing_and_sends_nothing()
    {
        var outbox = Directory.CreateTempSubdirectory("snapshots-demo-outbox-").FullName;
        var free = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        free.Start();
        var port = ((System.Net.IPEndPoint)free.LocalEndpoint).Port;
        free.Stop();
        await using var p = await TestPipeline.StartAsync(new Dictionary<string, string?> { ["Outbox:Path"] = outbox, ["Demo:Port"] = port.ToString() });
        var cli = new CliRunner(p.Configuration);
        var privacy = DocumentId.Parse("mistral-ai-demo/privacy-policy");

        var first = await cli.RunAsync("demo");
        var versionsAfterFirst = await CountVersionsAsync(p);
        var mailAfterFirst = Directory.GetFiles(outbox, "*-alert-*.eml").Length;
        var second = await cli.RunAsync("demo");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True((await p.Get<VersionLedger>().ListAsync(privacy)).Count == 2, first.Output);
        Assert.True(mailAfterFirst >= 1);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("ran before", second.Output);
        Assert.Equal(versionsAfterFirst, await CountVersionsAsync(p));
        Assert.Equal(mailAfterFirst, Directory.GetFiles(outbox, "*-alert-*.eml").Length);
        Assert.DoesNotContain("emails: 1 sent", second.Output);
    }

    private static async Task<int> CountVersionsAsync(TestPipeline p)
    {
        var count = 0;
        foreach (var document in await p.Get<DocumentCatalog>().ListAsync()) count += (await p.Get<VersionLedger>().ListAsync(document.Id)).Count;
        return count;
    }
}
