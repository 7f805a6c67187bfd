using System.Text.RegularExpressions;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Web;

namespace Snapshots.IntegrationTests.Cli;

/// <summary>What a new user does: <c>snapshots demo</c>, then the site it names, on the same storage.</summary>
public sealed partial class DemoWebTests
{
    [Fact]
    public async Task Demo_prints_the_platform_page_whose_version_matches_cite_and_whose_feed_lists_the_change()
    {
        var outbox = Directory.CreateTempSubdirectory("snapshots-demo-web-").FullName;
        try
        {
            var configuration = TestPipeline.BuildConfiguration(await SharedAzurite.NewAccountAsync(), new Dictionary<string, string?> { ["Outbox:Path"] = outbox });
            var cli = new CliRunner(configuration);
            var (exit, output) = await cli.RunAsync("demo");
            Assert.True(exit == 0, output);
            var printed = PlatformAddress().Match(output);
            Assert.True(printed.Success, output);
            Assert.Equal("http://localhost:7071/platforms/mistral-ai-demo", printed.Value);

            await using var site = await SnapshotsWebsite.StartAsync(configuration, "http://127.0.0.1:0");
            using var http = new HttpClient { BaseAddress = site.Address };
            var platform = await http.GetStringAsync(new Uri(printed.Value).PathAndQuery);
            Assert.Contains("Mistral AI (demo)", platform);
            Assert.Contains("recorded 1 documented change in the last 30 days", platform);

            var (_, cite) = await cli.RunAsync("cite", "mistral-ai-demo/privacy-policy");
            var sha = Sha256().Match(cite.Split("SHA-256")[1]).Value;
            var version = await http.GetStringAsync("/platforms/mistral-ai-demo/privacy-policy/versions/2");
            Assert.Contains($"<code id=\"text-sha256\">{sha}</code>", version);
            Assert.Contains("Integrity only:", version);
            var compare = await http.GetStringAsync("/platforms/mistral-ai-demo/privacy-policy/compare?from=1&to=2");
            Assert.Contains("<ins>", compare);
            var feed = await http.GetStringAsync("/platforms/mistral-ai-demo/feed.atom");
            Assert.Contains("Mistral AI (demo) changed its Privacy Policy", feed);
        }
        finally
        {
            Directory.Delete(outbox, recursive: true);
        }
    }

    [GeneratedRegex(@"http://localhost:7071/platforms/[a-z0-9-]+")]
    private static partial Regex PlatformAddress();

    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex Sha256();
}
