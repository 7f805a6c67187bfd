using System.Text.Json;
using Snapshots.Catalog;

namespace Snapshots.Benchmarks.Corpus;

/// <summary>The Open Terms Archive declarations of a corpus, one platform file per four documents, parsed by the library's own parser.</summary>
public static class CorpusDeclarations
{
    /// <summary>The declaration of one source page: what to keep and what to drop, by layout.</summary>
    public static object SourceOf(CorpusDocument document, Uri baseUri) => document.Layout switch
    {
        PageLayout.Article => new
        {
            fetch = new Uri(baseUri, document.Path).AbsoluteUri,
            select = new[] { "article.policy" },
            remove = new[] { ".toc", ".share", "button" },
        },
        _ => new
        {
            fetch = new Uri(baseUri, document.Path).AbsoluteUri,
            select = new[] { "main" },
            remove = new[] { "nav", ".cookie-banner", ".share", "aside", "button" },
        },
    };

    public static IReadOnlyList<PlatformDeclaration> Of(PolicyCorpus corpus, Uri baseUri) =>
        corpus.Documents
            .GroupBy(document => document.PlatformName)
            .Select(platform =>
            {
                var json = JsonSerializer.Serialize(new
                {
                    name = platform.Key,
                    terms = platform.ToDictionary(document => document.TermsType, document => SourceOf(document, baseUri)),
                });
                return DeclarationParser.Parse(json, $"{platform.Key}.json");
            })
            .ToList();

    /// <summary>The parsed source declaration of one document (for extraction benchmarks, which need no catalog).</summary>
    public static SourceDeclaration SourceDeclarationOf(CorpusDocument document, Uri baseUri)
    {
        var json = JsonSerializer.Serialize(new { name = document.PlatformName, terms = new Dictionary<string, object> { [document.TermsType] = SourceOf(document, baseUri) } });
        return DeclarationParser.Parse(json, "benchmark.json").Documents[0].Sources[0];
    }
}
