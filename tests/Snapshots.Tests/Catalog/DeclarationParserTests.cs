using Snapshots.Catalog;

namespace Snapshots.Tests.Catalog;

public sealed class DeclarationParserTests
{
    private static DeclarationException Refused(string json) =>
        Assert.Throws<DeclarationException>(() => DeclarationParser.Parse(json, "declarations/example.json"));

    [Fact]
    public void Parses_fetch_select_remove_and_derives_ids()
    {
        var platform = DeclarationParser.Parse("""
            {"name": "Mistral AI", "terms": {
              "Privacy Policy": {"fetch": "https://legal.mistral.ai/terms/privacy-policy", "select": ["main"], "remove": [".cookie", {"startBefore": "#a", "endAfter": "#b"}]},
              "Terms of Service": {"fetch": "https://legal.mistral.ai/terms/terms-of-service", "select": "article"}
            }}
            """, "mistral-ai.json");

        Assert.Equal("mistral-ai", platform.Slug);
        var privacy = platform.Documents[0];
        Assert.Equal(new DocumentId("mistral-ai", "privacy-policy"), privacy.Id);
        Assert.Equal("mistral-ai/privacy-policy", privacy.Id.ToString());
        var source = Assert.Single(privacy.Sources);
        Assert.Equal(new CssSelector("main"), Assert.Single(source.Select));
        Assert.Equal(new RangeSelector("#a", null, null, "#b"), source.Remove[1]);
        Assert.Equal(new CssSelector("article"), Assert.Single(platform.Documents[1].Sources[0].Select));
    }

    [Fact]
    public void Combine_joins_several_pages_and_shares_the_document_level_selectors()
    {
        var platform = DeclarationParser.Parse("""
            {"name": "Example", "terms": {"Terms of Service": {
              "combine": [{"fetch": "https://example.com/a"}, {"fetch": "https://example.com/b", "select": "#b", "remove": ".x"}],
              "select": "main", "remove": "nav"}}}
            """, "example.json");

        var sources = platform.Documents.Single().Sources;
        Assert.Equal(2, sources.Count);
        Assert.Equal(new CssSelector("main"), Assert.Single(sources[0].Select));
        Assert.Equal(new CssSelector("#b"), Assert.Single(sources[1].Select));
        Assert.Equal([new CssSelector("nav"), new CssSelector(".x")], sources[1].Remove);
    }

    [Fact]
    public void Missing_select_means_the_whole_body()
    {
        var platform = DeclarationParser.Parse("""{"name": "Example", "terms": {"Privacy Policy": {"fetch": "https://example.com/p"}}}""", "e.json");
        Assert.Equal(new CssSelector("body"), Assert.Single(platform.Documents.Single().Sources.Single().Select));
    }

    [Fact]
    public void Accepts_the_earlier_documents_key_of_the_ota_format()
    {
        var platform = DeclarationParser.Parse("""{"name": "Example", "documents": {"Privacy Policy": {"fetch": "https://example.com/p"}}}""", "e.json");
        Assert.Equal("privacy-policy", platform.Documents.Single().Id.TermsType);
    }

    [Fact]
    public void Bad_json_names_the_file_and_the_line()
    {
        var error = Refused("{\"name\": \"X\",\n \"terms\": {");
        Assert.Equal("declarations/example.json", error.File);
        Assert.Contains("not valid JSON", error.Message);
        Assert.Contains("line", error.Message);
    }

    [Fact]
    public void Unknown_field_names_the_document_and_the_field()
    {
        var error = Refused("""{"name": "X", "terms": {"Privacy Policy": {"fetch": "https://x.test/p", "selector": "main"}}}""");
        Assert.Equal("Privacy Policy", error.Document);
        Assert.Equal("selector", error.Field);
        Assert.StartsWith("declarations/example.json: document \"Privacy Policy\", field \"selector\"", error.Message);
    }

    [Fact]
    public void Missing_fetch_is_refused()
    {
        var error = Refused("""{"name": "X", "terms": {"Privacy Policy": {"select": "main"}}}""");
        Assert.Equal("fetch", error.Field);
        Assert.Contains("missing", error.Message);
    }

    [Theory]
    [InlineData("ftp://x.test/p", "scheme")]
    [InlineData("not a url", "absolute")]
    [InlineData("https://user:secret@x.test/p", "credentials")]
    public void Unfetchable_urls_are_refused(string url, string expected)
    {
        var error = Refused("{\"name\": \"X\", \"terms\": {\"Privacy Policy\": {\"fetch\": \"" + url + "\"}}}");
        Assert.Equal("fetch", error.Field);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("\"main[\"", "select")]
    [InlineData("[\"main\", \"a[\"]", "select[1]")]
    [InlineData("{\"startBefore\": \"#a\"}", "select")]
    [InlineData("{\"startBefore\": \"#a\", \"startAfter\": \"#b\", \"endBefore\": \"#c\"}", "select")]
    [InlineData("{\"startBefore\": \"#a\", \"endBefore\": \"##\"}", "select.endBefore")]
    public void Invalid_selectors_are_refused_naming_the_field(string select, string field)
    {
        var error = Refused("{\"name\": \"X\", \"terms\": {\"Privacy Policy\": {\"fetch\": \"https://x.test/p\", \"select\": " + select + "}}}");
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Duplicate_terms_type_is_refused()
    {
        var error = Refused("""{"name": "X", "terms": {"Privacy Policy": {"fetch": "https://x.test/p"}, "Privacy Policy": {"fetch": "https://x.test/q"}}}""");
        Assert.Equal("Privacy Policy", error.Document);
        Assert.Contains("duplicate", error.Message);
    }

    [Fact]
    public void Terms_type_alias_is_refused_with_the_canonical_name()
    {
        var error = Refused("""{"name": "X", "terms": {"Usage Policy": {"fetch": "https://x.test/p"}}}""");
        Assert.Contains("Acceptable Use Policy", error.Message);
    }

    [Fact]
    public void Recorded_history_may_name_a_terms_type_newer_than_our_copy_of_the_list()
    {
        using var json = System.Text.Json.JsonDocument.Parse("""{"fetch": "https://x.test/p", "select": "main"}""");

        var document = DeclarationParser.ParseDocument("Model Card Policy", json.RootElement, "X", "x", "declarations.json", requireKnownTermsType: false);

        Assert.Equal("x/model-card-policy", document.Id.ToString());
        Assert.Throws<DeclarationException>(() => DeclarationParser.ParseDocument("Model Card Policy", json.RootElement, "X", "x", "declarations.json"));
        Assert.Throws<DeclarationException>(() => DeclarationParser.ParseDocument("!!!", json.RootElement, "X", "x", "declarations.json", requireKnownTermsType: false));
    }

    [Fact]
    public void Invalid_ignore_pattern_is_refused()
    {
        var error = Refused("""{"name": "X", "terms": {"Privacy Policy": {"fetch": "https://x.test/p", "ignore": [{"pattern": "(", "reason": "r"}]}}}""");
        Assert.Equal("ignore[0].pattern", error.Field);
    }

    [Fact]
    public void Shipped_declarations_are_valid()
    {
        var folder = Path.Combine(RepositoryFolder(), "declarations");
        var platforms = DeclarationFiles.Read(folder);
        var mistral = Assert.Single(platforms, p => p.Slug == "mistral-ai");
        // As Open Terms Archive declares it: one page, one section per document; the DPA joined with the rendered subprocessor list.
        var privacy = Assert.Single(mistral.Documents, d => d.Id.TermsType == "privacy-policy").Sources.Single();
        Assert.Equal("https://mistral.ai/terms/", privacy.Fetch);
        Assert.Equal([new CssSelector("#privacy-policy")], privacy.Select);
        var terms = Assert.Single(mistral.Documents, d => d.Id.TermsType == "terms-of-service").Sources.Single();
        Assert.Equal(["#terms-of-service", "#additional-terms-for-consumers", "#additional-product-terms", "#additional-terms-for-ai-laws-responsibilities"],
            terms.Select.Select(s => s.ToString()));
        var dpa = Assert.Single(mistral.Documents, d => d.Id.TermsType == "data-processor-agreement");
        Assert.Equal(["https://mistral.ai/terms/", "https://trust.mistral.ai/subprocessors"], dpa.Urls);
        Assert.Equal([false, true], dpa.Sources.Select(s => s.ExecuteClientScripts));
        Assert.Contains(mistral.Documents, d => d.Id.TermsType == "trackers-policy");
        Assert.Contains(mistral.Documents, d => d.Id.TermsType == "commercial-terms");
        Assert.Contains(mistral.Documents, d => d.Id.TermsType == "imprint");
    }

    [Fact]
    public void ExecuteClientScripts_applies_to_every_combined_source_unless_a_source_says_otherwise()
    {
        var platform = DeclarationParser.Parse("""
            {"name": "X", "terms": {"Privacy Policy": {"executeClientScripts": true, "select": "main", "combine": [
              {"fetch": "https://x.test/a"}, {"fetch": "https://x.test/b", "executeClientScripts": false}]},
              "Terms of Service": {"fetch": "https://x.test/t"}}}
            """, "x.json");

        Assert.Equal([true, false], platform.Documents[0].Sources.Select(s => s.ExecuteClientScripts));
        Assert.False(platform.Documents[1].Sources.Single().ExecuteClientScripts);
        Assert.Equal("executeClientScripts", Refused("""{"name": "X", "terms": {"Privacy Policy": {"fetch": "https://x.test/p", "executeClientScripts": "yes"}}}""").Field);
    }

    [Fact]
    public void A_static_sources_stored_declaration_and_fingerprint_do_not_mention_scripts()
    {
        var document = DeclarationParser.Parse("""{"name": "X", "terms": {"Privacy Policy": {"fetch": "https://x.test/p", "select": "main"}}}""", "x.json").Documents[0];
        var scripted = document with { Sources = [document.Sources[0] with { ExecuteClientScripts = true }] };

        Assert.DoesNotContain("executeClientScripts", DeclarationJsonOptions.Serialize(document));
        Assert.NotEqual(DeclarationJsonOptions.Fingerprint(document), DeclarationJsonOptions.Fingerprint(scripted));
        Assert.True(DocumentRoundTrip(scripted).Sources[0].ExecuteClientScripts);
    }

    [Fact]
    public void A_javascript_filter_is_refused_alone_or_skipped_by_name_when_asked()
    {
        const string json = """{"name": "X", "terms": {"Privacy Policy": {"fetch": "https://x.test/p", "filter": ["f"]}, "Terms of Service": {"fetch": "https://x.test/t"}}}""";

        var refused = Refused(json);
        Assert.Equal(("Privacy Policy", "filter"), (refused.Document, refused.Field));
        var platform = DeclarationParser.Parse(json, "x.json", skipUnsupported: true);
        Assert.Equal("terms-of-service", Assert.Single(platform.Documents).Id.TermsType);
        var skipped = Assert.Single(platform.Skipped);
        Assert.Equal(("x.json", "Privacy Policy", "filter"), (skipped.File, skipped.Document!, skipped.Field!));
    }

    [Theory]
    [InlineData("豆包", "doubao", PlatformId.Origin.Transliteration)]
    [InlineData("文心一言", "wenxinyiyan", PlatformId.Origin.Transliteration)]
    [InlineData("Mistral AI", "mistral-ai", PlatformId.Origin.Name)]
    [InlineData("Café Légal", "cafe-legal", PlatformId.Origin.Name)]
    [InlineData("ChatGPT (Россия)", "chatgpt-rossiya", PlatformId.Origin.Transliteration)]
    [InlineData("★☆★", "stars", PlatformId.Origin.FileName)]
    public void Platform_ids_are_readable_in_any_script(string name, string id, PlatformId.Origin origin)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new { name, terms = new Dictionary<string, object> { ["Privacy Policy"] = new { fetch = "https://x.test/p" } } });
        var platform = DeclarationParser.Parse(json, "declarations/Stars.json");

        Assert.Equal((id, origin), (platform.Slug, platform.IdOrigin));
        Assert.Equal($"{id}/privacy-policy", platform.Documents[0].Id.ToString());
    }

    private static DocumentDeclaration DocumentRoundTrip(DocumentDeclaration document) =>
        System.Text.Json.JsonSerializer.Deserialize<DocumentDeclaration>(DeclarationJsonOptions.Serialize(document), DeclarationJsonOptions.Options)!;

    private static string RepositoryFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Snapshots.sln"))) return folder.FullName;
        throw new InvalidOperationException("repository not found");
    }
}
