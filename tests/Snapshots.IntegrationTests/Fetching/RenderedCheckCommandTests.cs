using Microsoft.Extensions.Configuration;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Fetching;

/// <summary><c>snapshots check</c> on a loopback page that builds its text with a script, with Chromium and without.</summary>
public sealed class RenderedCheckCommandTests
{
    private const string Page = """
        <html><body><main id="terms">Loading…</main>
        <script>document.getElementById('terms').innerHTML = '<h1>Terms</h1><p>Written by a script: you own your outputs.</p>';</script>
        </body></html>
        """;

    [Fact]
    public async Task Check_captures_the_text_a_script_writes_and_show_prints_it()
    {
        await using var t = await TrackedSite.StartRenderedAsync();
        var cli = new CliRunner(t.Pipeline.Configuration);
        Assert.Equal(0, (await cli.RunAsync("documents", "import", DeclarationFile(t))).ExitCode);

        var (exit, output) = await cli.RunAsync("check");

        Assert.Equal(0, exit);
        Assert.Contains("1 changed", output);
        var show = await cli.RunAsync("show", "scripted-ai/terms-of-service");
        Assert.Contains("Written by a script: you own your outputs.", show.Output);
        Assert.DoesNotContain("Loading", show.Output);
    }

    [Fact]
    public async Task Check_without_a_browser_fails_naming_the_setting_and_fetches_nothing()
    {
        await using var t = await TrackedSite.StartRenderedAsync();
        var configuration = new ConfigurationBuilder().AddConfiguration(t.Pipeline.Configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Fetch:Browser:ExecutablePath"] = "/opt/no-such-chromium" }).Build();
        var cli = new CliRunner(configuration);
        Assert.Equal(0, (await cli.RunAsync("documents", "import", DeclarationFile(t))).ExitCode);

        var (exit, output) = await cli.RunAsync("check");

        Assert.Equal(1, exit);
        Assert.Contains("1 failed", output);
        Assert.Contains("Fetch:Browser:ExecutablePath", output.Replace("\n", "", StringComparison.Ordinal));
        Assert.Empty(t.Site.Requests);
    }

    private static string DeclarationFile(TrackedSite t)
    {
        t.Site.Page("/terms", Page);
        var file = Path.Combine(Directory.CreateTempSubdirectory("snapshots-scripted-").FullName, "scripted-ai.json");
        File.WriteAllText(file, System.Text.Json.JsonSerializer.Serialize(new
        {
            name = "Scripted AI",
            terms = new Dictionary<string, object> { ["Terms of Service"] = new { fetch = t.Site.Url("/terms").AbsoluteUri, select = new[] { "#terms" }, executeClientScripts = true } },
        }));
        return file;
    }
}
