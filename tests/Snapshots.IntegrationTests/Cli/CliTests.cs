using Snapshots.Cli.Commands;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Catalog;

namespace Snapshots.IntegrationTests.Cli;

public sealed class CliTests
{
    [Fact]
    public async Task A_broken_declaration_is_refused_naming_file_document_and_field_and_nothing_is_written()
    {
        await using var t = await TrackedSite.StartAsync();
        var folder = Directory.CreateTempSubdirectory("snapshots-decl-");
        File.WriteAllText(Path.Combine(folder.FullName, "good.json"), PolicyPages.Declaration("Good AI", ("Privacy Policy", t.Site.Url("/p"))));
        File.WriteAllText(Path.Combine(folder.FullName, "broken.json"),
            """{"name": "Broken AI", "terms": {"Privacy Policy": {"fetch": "https://example.com/p", "select": ["main["]}}}""");
        var cli = new CliRunner(t.Pipeline.Configuration);

        var (exit, output) = await cli.RunAsync("documents", "import", folder.FullName);

        Assert.Equal(2, exit);
        Assert.Contains("broken.json", output);
        Assert.Contains("Privacy Policy", output);
        Assert.Contains("select[0]", output);
        Assert.Empty(await t.Catalog.ListAsync());
    }

    [Theory]
    [InlineData("""{"name": "X", "terms": {"Privacy Policy": {"select": "main"}}}""", "fetch")]
    [InlineData("""{"name": "X", "terms": {"Privacy Policy": {"fetch": "https://x.test/p", "selct": "main"}}}""", "selct")]
    [InlineData("""{"name": "X", "terms": {"Privacy Policy": {"fetch": "https://x.test/p"}, "Privacy Policy": {"fetch": "https://x.test/q"}}}""", "duplicate")]
    [InlineData("""{"name": "X", "terms": {"Privacy Policy": {"fetch": "https://x.test/p",}""", "not valid JSON")]
    public async Task Import_refuses_each_kind_of_broken_declaration(string json, string expected)
    {
        await using var t = await TrackedSite.StartAsync();
        var file = Path.Combine(Directory.CreateTempSubdirectory("snapshots-decl-").FullName, "x.json");
        File.WriteAllText(file, json);

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("documents", "import", file);

        Assert.Equal(2, exit);
        Assert.Contains("x.json", output);
        Assert.Contains(expected, output);
        Assert.Empty(await t.Catalog.ListAsync());
    }

    [Fact]
    public async Task Check_of_many_documents_lists_only_those_that_changed_or_failed_and_counts_the_rest()
    {
        await using var t = await TrackedSite.StartAsync();
        var count = CheckCommand.ListEveryDocumentUpTo + 1;
        var folder = Directory.CreateTempSubdirectory("snapshots-decl-").FullName;
        for (var i = 0; i < count; i++)
        {
            t.Site.Page($"/p{i}/terms", PolicyPages.Privacy(PolicyPages.Retention));
            File.WriteAllText(Path.Combine(folder, $"platform-{i}.json"), PolicyPages.Declaration($"Platform {i}", ("Terms of Service", t.Site.Url($"/p{i}/terms"))));
        }
        var cli = new CliRunner(t.Pipeline.Configuration);
        Assert.Equal(0, (await cli.RunAsync("documents", "import", folder)).ExitCode);
        Assert.Contains($"{count} changed", (await cli.RunAsync("check")).Output);

        t.Site.Handle("/p7/terms", context => { context.Response.StatusCode = 503; return Task.CompletedTask; });
        var second = await cli.RunAsync("check");

        Assert.Equal(1, second.ExitCode);
        Assert.Contains("platform-7/terms-of-service", second.Output);
        Assert.DoesNotContain("platform-8/terms-of-service", second.Output);
        Assert.Contains($"{count - 1} unchanged documents not listed", second.Output);
        Assert.Contains($"checked {count} documents: {count - 1} unchanged, 0 changed, 1 failed", second.Output);
    }

    [Fact]
    public async Task Check_exits_0_when_every_document_is_checked_and_1_when_one_fails_then_verify_and_cite_work()
    {
        await using var t = await TrackedSite.StartAsync();
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        t.Site.Page("/terms", PolicyPages.Privacy(PolicyPages.Training));
        var file = Path.Combine(Directory.CreateTempSubdirectory("snapshots-decl-").FullName, "example-ai.json");
        File.WriteAllText(file, PolicyPages.Declaration("Example AI", ("Privacy Policy", t.Site.Url("/privacy")), ("Terms of Service", t.Site.Url("/terms"))));
        var cli = new CliRunner(t.Pipeline.Configuration);
        Assert.Equal(0, (await cli.RunAsync("documents", "import", file)).ExitCode);

        var first = await cli.RunAsync("check");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("2 changed", first.Output);

        t.Site.Handle("/terms", context => { context.Response.StatusCode = 503; return Task.CompletedTask; });
        var failing = await cli.RunAsync("check");
        Assert.Equal(1, failing.ExitCode);
        Assert.Contains("1 failed", failing.Output);
        Assert.Contains("503", failing.Output);

        var verify = await cli.RunAsync("verify");
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("2 versions", verify.Output);

        var cite = await cli.RunAsync("cite", "example-ai/privacy-policy");
        Assert.Equal(0, cite.ExitCode);
        var document = await t.Catalog.GetAsync(DocumentId.Parse("example-ai/privacy-policy"));
        Assert.Contains(document.CurrentSha256!, cite.Output);
        Assert.Contains(t.Site.Url("/privacy").AbsoluteUri, cite.Output);
        Assert.Contains("version 1", cite.Output);

        var list = await cli.RunAsync("documents", "list");
        Assert.Contains("example-ai/terms-of-service", list.Output);
    }

    [Fact]
    public async Task Verify_command_exits_1_and_names_the_altered_blob()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var document = await t.Catalog.GetAsync(id);
        var blob = $"{id.BlobPrefix}{document.CurrentSha256}.md";
        await t.Pipeline.Storage.Snapshots.GetBlobClient(blob).UploadAsync(BinaryData.FromString("altered"), overwrite: true);

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("verify", id.ToString());

        Assert.Equal(1, exit);
        Assert.Contains(blob, output);
    }
}
