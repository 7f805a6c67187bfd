using System.Text;
using Snapshots.Catalog;

namespace Snapshots.Tests.Hostile;

/// <summary>Declaration files built to crash or half-write an import: each refused with the file, document and field named.</summary>
[Trait("Category", "Hostile")]
public sealed class DeclarationLimitProbes
{
    private static DeclarationException Refused(string json) =>
        Assert.Throws<DeclarationException>(() => DeclarationParser.Parse(json, "declarations/hostile.json"));

    /// <summary>JSON written with single quotes for readability.</summary>
    private static string J(string json) => json.Replace('\'', '"');

    private static string Document(string fields) => J("{'name': 'Hostile', 'terms': {'Privacy Policy': {" + fields + "}}}");

    [Fact]
    public void A_100_KB_name_is_refused()
    {
        var error = Refused(J("{'name': '" + new string('a', 100_000) + "', 'terms': {'Privacy Policy': {'fetch': 'https://example.com/p'}}}"));

        Assert.Equal("name", error.Field);
        Assert.Contains("100,000 characters, more than 100", error.Message);
    }

    [Fact]
    public void A_name_with_terminal_escapes_is_refused_and_the_message_shows_them_harmlessly()
    {
        var error = Refused("""{"name": "Evil\u001b]0;pwned\u0007Corp", "terms": {"Privacy Policy": {"fetch": "https://example.com/p"}}}""");

        Assert.Equal("name", error.Field);
        Assert.Contains("control characters", error.Message);
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.Contains("\u241b]0;pwned\u2407", error.Message);
    }

    [Fact]
    public void A_180_KB_selector_is_refused()
    {
        var error = Refused(Document("'fetch': 'https://example.com/p', 'select': ['" + new string('a', 180_000) + "']"));

        Assert.Equal("Privacy Policy", error.Document);
        Assert.Equal("select[0]", error.Field);
        Assert.Contains("more than 500", error.Message);
    }

    [Fact]
    public void A_combine_of_5000_sources_is_refused()
    {
        var sources = string.Join(",", Enumerable.Range(0, 5000).Select(i => "{'fetch': 'https://example.com/p" + i + "'}"));

        var error = Refused(Document("'combine': [" + sources + "]"));

        Assert.Equal("combine", error.Field);
        Assert.Contains("5,000 sources, more than the 20", error.Message);
    }

    [Fact]
    public void Too_many_selectors_are_refused()
    {
        var selectors = string.Join(",", Enumerable.Range(0, 60).Select(i => "'#s" + i + "'"));

        var error = Refused(Document("'fetch': 'https://example.com/p', 'remove': [" + selectors + "]"));

        Assert.Equal("remove", error.Field);
    }

    [Fact]
    public void Selectors_that_together_would_not_fit_in_a_document_row_are_refused()
    {
        var selectors = string.Join(",", Enumerable.Range(0, 50).Select(i => "'#" + new string('s', 480) + i + "'"));
        var parts = string.Join(",", Enumerable.Range(0, 3).Select(i => "{'fetch': 'https://example.com/p" + i + "', 'select': [" + selectors + "]}"));

        var error = Refused(Document("'combine': [" + parts + "]"));

        Assert.Contains("too large to store", error.Message);
    }

    [Fact]
    public void The_shadow_piercing_combinator_is_refused()
    {
        var error = Refused(Document("'fetch': 'https://example.com/p', 'select': 'main >>> p'"));

        Assert.Equal("select", error.Field);
        Assert.Contains("\"main >>> p\" is not a valid CSS selector", error.Message);
    }

    [Fact]
    public void A_validUntil_that_is_not_a_date_is_refused_with_the_field_named()
    {
        var error = Refused(Document("'fetch': 'https://example.com/p', 'validUntil': 'not-a-date'"));

        Assert.Equal("validUntil", error.Field);
        Assert.Contains("\"not-a-date\" is not a date", error.Message);
    }

    [Fact]
    public void A_validUntil_date_is_accepted()
    {
        var platform = DeclarationParser.Parse(Document("'fetch': 'https://example.com/p', 'validUntil': '2024-05-01T00:00:00Z'"), "ok.json");

        Assert.Single(platform.Documents);
    }

    [Fact]
    public void A_file_with_Latin1_bytes_is_refused_not_silently_replaced()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("snapshots-decl-").FullName, "latin1.json");
        try
        {
            File.WriteAllBytes(file, Encoding.Latin1.GetBytes("""{"name": "Société Générale", "terms": {"Privacy Policy": {"fetch": "https://example.com/p"}}}"""));

            var error = Assert.Throws<DeclarationException>(() => DeclarationParser.ParseFile(file));

            Assert.Contains("is not UTF-8 text (invalid byte at offset 14)", error.Message);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void A_10_MB_file_is_refused_before_it_is_read()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("snapshots-decl-").FullName, "huge.json");
        try
        {
            var selectors = string.Join(",", Enumerable.Repeat("'main'", 1_500_000));
            File.WriteAllText(file, Document("'fetch': 'https://example.com/p', 'select': [" + selectors + "]"));

            var error = Assert.Throws<DeclarationException>(() => DeclarationParser.ParseFile(file));

            Assert.Contains("more than the 1,048,576 a declaration file may have", error.Message);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }
}
