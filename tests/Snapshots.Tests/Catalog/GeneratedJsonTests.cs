using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;

namespace Snapshots.Tests.Catalog;

/// <summary>
/// The declaration and raw-source JSON stored on rows is written by serializers generated at build time. It must be the
/// JSON the reflection serializer with web defaults wrote before, byte for byte: stored fingerprints are compared with new
/// ones, and a different byte would make every document look re-declared.
/// </summary>
public sealed class GeneratedJsonTests
{
    private static readonly JsonSerializerOptions Reflection = new(JsonSerializerDefaults.Web);

    public static TheoryData<DocumentDeclaration> Declarations() =>
    [
        Declaration([new SourceDeclaration("https://example.com/terms", [new CssSelector("main")], [])], []),
        Declaration(
            [
                new SourceDeclaration("https://example.com/privacy?x=1&y=\"2\"", [new CssSelector(".doc > p"), new RangeSelector("#start", null, null, "#end")],
                    [new CssSelector("nav"), new RangeSelector(null, "h2.a", "h2.b", null)]) { ExecuteClientScripts = true },
                new SourceDeclaration("https://example.com/annex", [new CssSelector("article")], []) { LoadAllResources = true },
            ],
            [new IgnoreRule(@"Last updated: \d{4}", "date stamp"), new IgnoreRule("Ünïcödé – “quotes”", "<script> & such")]),
    ];

    [Theory]
    [MemberData(nameof(Declarations))]
    public void A_declaration_is_stored_and_fingerprinted_as_the_reflection_serializer_did(DocumentDeclaration declaration)
    {
        var before = JsonSerializer.Serialize(declaration, Reflection);
        Assert.Equal(before, DeclarationJsonOptions.Serialize(declaration));
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            JsonSerializer.Serialize(new { declaration.Sources, declaration.Ignore }, Reflection))));
        Assert.Equal(fingerprint, DeclarationJsonOptions.Fingerprint(declaration));

        var read = JsonSerializer.Deserialize<DocumentDeclaration>(before, DeclarationJsonOptions.Options)!;
        Assert.Equal(before, JsonSerializer.Serialize(read, Reflection));
        var earlier = new List<DatedDeclaration> { new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero), declaration) };
        var earlierJson = JsonSerializer.Serialize(earlier, Reflection);
        Assert.Equal(earlierJson, JsonSerializer.Serialize(earlier, DeclarationJsonOptions.Options));
        Assert.Equal(earlierJson, JsonSerializer.Serialize(JsonSerializer.Deserialize<List<DatedDeclaration>>(earlierJson, DeclarationJsonOptions.Options), Reflection));
    }

    [Fact]
    public void Raw_sources_are_stored_as_the_reflection_serializer_did_with_and_without_their_WARC()
    {
        List<RawSource> sources =
        [
            new("https://example.com/a", "https://example.com/a/", "text/html", new string('a', 64), "raw/a", new string('b', 64), "warc/a"),
            new("https://example.com/b", "https://example.com/b", "application/pdf", new string('c', 64), "raw/b"),
        ];
        var before = JsonSerializer.Serialize(sources, Reflection);
        Assert.Equal(before, RawSourceJson.Write(sources));
        Assert.DoesNotContain("\"warcBlob\":null", before);
        Assert.Equal(sources, RawSourceJson.Read(before));
    }

    [Fact]
    public void A_chain_link_line_is_the_reflection_serializer_s_bytes()
    {
        var evidence = new ChainEvidence(7, null, new string('d', 64), "x/y/t.md", new string('e', 64),
            [new("https://example.com/a?q=<b>&c='d'", "https://example.com/é", "text/html", "aa", "raw/a", "bb", "warc/a"), new("u", "f", "m", "cc", "raw/b")],
            new string('f', 64), "live — “quoted”", TimestampRequested: true);
        foreach (var format in new[] { 2, 3 })
        {
            var line = evidence.Line(format);
            Assert.Equal(ChainEvidence.MarkerOf(format) + JsonSerializer.Serialize(evidence, Reflection), line);
            var read = ChainEvidence.Parse($"a\nb\nc\n{line}", format)!;
            Assert.Equal(line, read.Line(format));
        }
    }

    [Fact]
    public void A_change_summary_is_the_reflection_serializer_s_json()
    {
        var reflection = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault,
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        var summary = new ChangeSummary
        {
            SectionsAdded = 1, SectionsModified = 2, WordsAdded = 30, Topics = ["ai-training"], OmittedSections = 3,
            Sections = Enum.GetValues<SectionChangeKind>().Select((kind, i) => new SectionChange
            {
                Kind = kind, Title = $"Section “{i}” <b>", Path = i % 2 == 0 ? null : "A > B", Level = i, Position = i, AlsoMoved = i == 1, Topics = i == 0 ? ["x"] : [],
            }).ToList(),
        };
        var json = JsonSerializer.Serialize(summary, reflection);
        Assert.Equal(json, ChangeSummaryJson.Serialize(summary));
        Assert.Equal(json, ChangeSummaryJson.Serialize(ChangeSummaryJson.Deserialize(json)));
    }

    private static DocumentDeclaration Declaration(IReadOnlyList<SourceDeclaration> sources, IReadOnlyList<IgnoreRule> ignore) =>
        new("Example", "example", "Terms of Service", sources, ignore);
}
