using System.Text;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Tracking;

/// <summary>
/// A broad selector (a class every page container has) over a page whose menus and e-mail placeholders change at every
/// capture, imported and then explained through the command: only the real edit is a version, and <c>diff --explain</c>
/// names what was left out and what was decoded.
/// </summary>
public sealed class StructuralChromeHistoryTests
{
    private static string Encode(string address, byte key) =>
        key.ToString("x2") + string.Concat(Encoding.UTF8.GetBytes(address).Select(b => ((byte)(b ^ key)).ToString("x2")));

    private static string Page(string menuItem, string email, string retention) => $$"""
        <!DOCTYPE html><html><head><title>Terms</title></head><body>
        <nav class="top"><div class="container"><ul><li><a href="/pricing">Pricing</a></li><li><a href="/{{menuItem.ToLowerInvariant()}}">{{menuItem}}</a></li></ul></div></nav>
        <main class="container"><h1>Terms of Service</h1>
          <p>These terms are an agreement between you and Example AI Incorporated about your use of the services.</p>
          <h2>Data</h2><p>We keep the prompts you send for {{retention}} and then delete them from our systems.</p>
          <p>Write to {{email}} with any question about these terms.</p></main>
        <div class="container"><footer><div><h3>Product</h3><ul><li><a href="/agents">Agents</a></li><li><a href="/{{menuItem.ToLowerInvariant()}}">{{menuItem}}</a></li></ul></div>
          <div><h3>Company</h3><ul><li><a href="/careers">Careers</a></li><li><a href="/press">Press</a></li></ul></div></footer></div>
        </body></html>
        """;

    private static string Plain(string address) => $"<a href=\"mailto:{address}\">{address}</a>";

    private static string Protected(string address, byte key) =>
        $"<a href=\"/cdn-cgi/l/email-protection#{Encode(address, key)}\"><span class=\"__cf_email__\" data-cfemail=\"{Encode(address, (byte)(key + 1))}\">[email&#160;protected]</span></a>";

    [Fact]
    public async Task Menus_and_placeholders_that_change_at_every_capture_are_not_versions_and_explain_names_them()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var folder = new HistoryFolderBuilder().Declarations("https://example.ai/terms", (".container", null))
            .Capture("2026-03-01T07-00-00Z", Page("Community", Plain("legal@example.ai"), "30 days"))
            .Capture("2026-03-01T19-00-00Z", Page("Security", Protected("legal@example.ai", 0x3c), "30 days"))
            .Capture("2026-03-02T07-00-00Z", Page("Reviews", Protected("legal@example.ai", 0x71), "30 days"), gzip: true)
            .Capture("2026-03-02T19-00-00Z", Page("Enterprise", Protected("legal@example.ai", 0x0d), "90 days"));
        var id = DocumentId.Parse("example-ai/terms-of-service");
        var cli = new CliRunner(pipeline.Configuration);

        var import = await cli.RunAsync("history", "import", folder.Root, "--document", id.ToString(), "--platform-name", "Example AI");

        Assert.True(import.ExitCode == 0, import.Output);
        Assert.Contains("4 captures read, 2 versions recorded, 2 unchanged", import.Output);
        var versions = await pipeline.Get<VersionLedger>().ListAsync(id);
        Assert.Equal("2026-03-02T19:00:00.000Z", HashChain.FormatTime(versions[^1].CapturedAt));

        var (exit, output) = await cli.RunAsync("diff", id.ToString(), "--explain");

        Assert.True(exit == 0, output);
        Assert.True(output.Contains("[-30-]{+90+} days", StringComparison.Ordinal), output);
        Assert.DoesNotContain("Enterprise", output[..output.IndexOf("Not treated as change", StringComparison.Ordinal)]);
        Assert.Contains("selected element inside the site's navigation", output);
        Assert.Contains("menu of links outside the document's text", output);
        Assert.True(output.Contains("\"Product Agents Enterprise Company Careers Press\"", StringComparison.Ordinal), output);
        Assert.Contains("e-mail protection decoded", output);
        Assert.Contains("-> mailto:legal@example.ai", output);
    }
}
