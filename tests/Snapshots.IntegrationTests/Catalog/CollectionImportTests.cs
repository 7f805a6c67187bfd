using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Catalog;

/// <summary>
/// <c>documents import</c> of a folder laid out like an Open Terms Archive declarations repository: names in Chinese
/// script, a platform whose transliterated id another platform already has, JavaScript filters, a <c>.history.json</c>.
/// </summary>
public sealed class CollectionImportTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("snapshots-ota-").FullName;

    public CollectionImportTests()
    {
        var declarations = Directory.CreateDirectory(Path.Combine(_root, "declarations")).FullName;
        File.WriteAllText(Path.Combine(_root, "package.json"), """{"name": "genai-declarations", "lockfileVersion": 3}""");
        File.WriteAllText(Path.Combine(declarations, "豆包.json"), """
            {"name": "豆包", "terms": {"Terms of Service": {"fetch": "https://www.doubao.com/legal/terms", "select": ["main"], "executeClientScripts": true}}}
            """);
        File.WriteAllText(Path.Combine(declarations, "Doubao.json"), """
            {"name": "Doubao", "terms": {"Privacy Policy": {"fetch": "https://www.doubao.com/legal/privacy", "select": ["main"]}}}
            """);
        File.WriteAllText(Path.Combine(declarations, "Wenxinyiyan.json"), """
            {"name": "文心一言", "terms": {"Privacy Policy": {"fetch": "https://yiyan.baidu.com/privacy", "select": ["#policy"]}}}
            """);
        File.WriteAllText(Path.Combine(declarations, "Example API.json"), """
            {
              "name": "Example API",
              "terms": {
                "Terms of Service": {"fetch": "https://example.com/terms", "select": [".terms"]},
                "Privacy Policy": {"fetch": "https://example.com/privacy", "select": ["main"], "filter": ["removeCookieBanner"]},
                "Trackers Policy": {"combine": [
                  {"fetch": "https://example.com/cookies", "select": ["main"]},
                  {"fetch": "https://example.com/cookie-table", "select": ["table"], "filter": ["expandRows"]}
                ]},
                "Developer Terms": {"fetch": "https://example.com/developers", "select": ["article"], "executeClientScripts": true}
              }
            }
            """);
        File.WriteAllText(Path.Combine(declarations, "Example API.filters.js"), "export function removeCookieBanner() {}");
        File.WriteAllText(Path.Combine(declarations, "Example API.history.json"), """
            {
              "Terms of Service": [
                {"fetch": "https://example.com/terms-of-use", "select": [".old-terms"], "validUntil": "2025-02-01T00:00:00Z"}
              ],
              "Privacy Policy": [
                {"fetch": "https://example.com/privacy", "select": ["main"], "filter": ["oldFilter"], "validUntil": "2025-01-01T00:00:00Z"}
              ]
            }
            """);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Every_supported_document_is_imported_filters_are_skipped_by_name_and_ids_are_readable_and_distinct()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var cli = new CliRunner(pipeline.Configuration);

        var (exit, output) = await cli.RunAsync("documents", "import", _root);

        Assert.Equal(0, exit);
        var flat = output.Replace("\n", " ", StringComparison.Ordinal);
        // Files are read in ordinal order: Doubao.json keeps "doubao"; 豆包 transliterates to it too, and so does its file name.
        Assert.Contains("Doubao → id doubao (from its name; Doubao.json)", flat);
        Assert.Contains("豆包 → id doubao-2 (numbered: its name's and its file name's ids were taken by earlier files; 豆包.json)", flat);
        Assert.Contains("文心一言 → id wenxinyiyan (transliterated from its name; Wenxinyiyan.json)", flat);
        Assert.Matches(@"skipped \S*Example API\.json: document ""Privacy Policy"", field ""filter"": is an OTA JavaScript filter", Squeeze(flat));
        Assert.Matches(@"skipped \S*Example API\.json: document ""Trackers Policy"", field ""combine\[1\]\.filter""", Squeeze(flat));
        Assert.Matches(@"skipped \S*Example API\.history\.json \[0\]: document ""Privacy Policy"", field ""filter""", Squeeze(flat));
        Assert.Contains("5 imported, 0 updated, 0 unchanged, 3 skipped (4 platforms)", flat);

        var catalog = pipeline.Get<DocumentCatalog>();
        var ids = (await catalog.ListAsync()).Select(d => d.Id.ToString()).ToList();
        Assert.Equal(["doubao/privacy-policy", "doubao-2/terms-of-service", "example-api/developer-terms", "example-api/terms-of-service", "wenxinyiyan/privacy-policy"], ids);
        var scripted = await catalog.GetAsync(DocumentId.Parse("doubao-2/terms-of-service"));
        Assert.True(scripted.Declaration().Sources.Single().ExecuteClientScripts);
        Assert.Equal("豆包", scripted.PlatformName);
        var terms = await catalog.GetAsync(DocumentId.Parse("example-api/terms-of-service"));
        var earlier = Assert.Single(terms.EarlierDeclarations());
        Assert.Equal(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero), earlier.ValidUntil);
        Assert.Equal("https://example.com/terms-of-use", earlier.Declaration.Sources.Single().Fetch);

        var (again, secondOutput) = await cli.RunAsync("documents", "import", Path.Combine(_root, "declarations"));
        Assert.Equal(0, again);
        Assert.Contains("0 imported, 0 updated, 5 unchanged, 3 skipped (4 platforms)", secondOutput.Replace("\n", " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_import_extracts_each_capture_with_the_declaration_the_history_json_says_was_in_force()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var cli = new CliRunner(pipeline.Configuration);
        Assert.Equal(0, (await cli.RunAsync("documents", "import", _root)).ExitCode);
        var folder = new HistoryFolderBuilder()
            .Capture("2025-01-15T08-00-00Z", "<html><body><div class=\"old-terms\"><p>Old terms: disputes go to Paris courts.</p></div></body></html>")
            .Capture("2025-03-15T08-00-00Z", "<html><body><div class=\"terms\"><p>New terms: disputes go to arbitration.</p></div></body></html>");

        var (exit, output) = await cli.RunAsync("history", "import", folder.Root, "--document", "example-api/terms-of-service");

        Assert.Equal(0, exit);
        Assert.Contains("2 captures read, 2 versions recorded", output);
        var id = DocumentId.Parse("example-api/terms-of-service");
        var versions = await pipeline.Get<VersionLedger>().ListAsync(id);
        var archive = pipeline.Get<SnapshotArchive>();
        Assert.Contains("Paris courts", await archive.ReadTextAsync(versions[0].TextBlob));
        Assert.Contains("arbitration", await archive.ReadTextAsync(versions[1].TextBlob));
        Assert.Equal("https://example.com/terms-of-use", versions[0].RawSources().Single().Url);
    }

    private static string Squeeze(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
}
