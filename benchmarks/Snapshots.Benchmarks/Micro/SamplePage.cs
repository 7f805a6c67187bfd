using Snapshots.Benchmarks.Corpus;
using Snapshots.Catalog;
using Snapshots.Fetching;

namespace Snapshots.Benchmarks.Micro;

/// <summary>One generated policy page of a given size, as the fetcher would hand it to extraction.</summary>
public sealed record SamplePage(FetchedPage Page, SourceDeclaration Source)
{
    private static readonly Uri BaseUri = new("https://legal.example.com/");

    public static SamplePage OfKilobytes(int kilobytes, PageLayout layout = PageLayout.Article)
    {
        var document = new CorpusDocument(0, "Bench Platform 0000", "Privacy Policy", "/bench-platform-0000/legal/privacy-policy",
            kilobytes * 1024, layout, PolicyCorpus.DefaultSeed);
        var url = new Uri(BaseUri, document.Path);
        var body = PolicyPageGenerator.Render(document);
        var page = new FetchedPage(url, url, 200, MediaTypes.Html, body, "\"bench\"", null, NotModified: false);
        return new SamplePage(page, CorpusDeclarations.SourceDeclarationOf(document, BaseUri));
    }
}
