using System.Diagnostics;
using System.Text;
using Snapshots.Tracking;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>A page that would hold a worker fails its own check within the budget; the other documents are checked as usual.</summary>
[Trait("Category", "Hostile")]
public sealed class BoundsProbes
{
    [Fact]
    public async Task A_deeply_nested_page_fails_its_check_quickly_and_the_other_documents_go_on()
    {
        await using var t = await FaultySite.StartAsync(new Dictionary<string, string?> { ["Extraction:Budget"] = "00:00:05" });
        var nested = new StringBuilder("<html><body><main class=legal>").Insert(30, "<div>", 200_000).Append("deep</main></body></html>").ToString();
        var hostile = await t.TrackAsync("/privacy", nested);
        t.Site.Page("/terms", PolicyPages.Privacy(PolicyPages.Retention));
        var ordinary = DeclarationParser.Parse(PolicyPages.Declaration("Other AI", ("Terms of Service", t.Site.Url("/terms"))), "other-ai.json").Documents.Single();
        await t.Catalog.UpsertAsync(ordinary);
        var watch = Stopwatch.StartNew();

        var outcomes = await t.Pipeline.Get<CaptureCycle>().RunAsync(await t.Catalog.ListAsync());

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
        var failed = Assert.Single(outcomes, o => o.Document == hostile);
        Assert.Equal(CaptureStatus.Failed, failed.Status);
        Assert.Contains("nests elements more than 1,024 deep", failed.Detail);
        Assert.Equal(CaptureStatus.First, Assert.Single(outcomes, o => o.Document == ordinary.Id).Status);
        Assert.Equal(1, (await t.Catalog.GetAsync(hostile)).ConsecutiveFailures);
    }

    [Fact]
    public async Task An_IPv4_translated_IPv6_literal_is_refused_before_any_connection()
    {
        await using var t = await FaultySite.StartAsync(new Dictionary<string, string?> { ["Fetch:AllowPrivateNetworks"] = "false" });
        var port = t.Site.BaseUri.Port;
        var json = PolicyPages.Declaration("Example AI", ("Privacy Policy", new Uri($"http://[::ffff:0:127.0.0.1]:{port}/privacy")));
        var document = DeclarationParser.Parse(json, "example-ai.json").Documents.Single();
        await t.Catalog.UpsertAsync(document);

        var outcome = await t.CheckAsync(document.Id);

        Assert.Equal(CaptureStatus.Failed, outcome.Status);
        Assert.Contains("loopback, IPv4-translated", outcome.Detail);
        Assert.Empty(t.Site.Requests);
    }

    [Fact]
    public async Task A_declaration_file_with_one_valid_and_one_oversized_document_writes_nothing()
    {
        await using var t = await FaultySite.StartAsync();
        var folder = Directory.CreateTempSubdirectory("snapshots-hostile-");
        try
        {
            var file = Path.Combine(folder.FullName, "example-ai.json");
            var selectors = string.Join(",", Enumerable.Range(0, 50).Select(i => $"\"#{new string('s', 480)}{i}\""));
            var parts = string.Join(",", Enumerable.Range(0, 3).Select(i => $"{{\"fetch\": \"https://example.com/p{i}\", \"select\": [{selectors}]}}"));
            await File.WriteAllTextAsync(file, "{\"name\": \"Example AI\", \"terms\": {\"Privacy Policy\": {\"fetch\": \"https://example.com/privacy\"}, \"Terms of Service\": {\"combine\": [" + parts + "]}}}");
            var cli = new CliRunner(t.Pipeline.Configuration);

            var (exit, output) = await cli.RunAsync("documents", "import", file);

            Assert.Equal(2, exit);
            Assert.Contains("document \"Terms of Service\"", output);
            Assert.Contains("too large to store", output);
            Assert.DoesNotContain("   at ", output);
            Assert.Empty(await t.Catalog.ListAsync());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
