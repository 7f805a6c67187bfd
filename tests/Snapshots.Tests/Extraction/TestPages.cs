using System.Text;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;

namespace Snapshots.Tests.Extraction;

/// <summary>Inline pages and declarations for extraction tests.</summary>
internal static class TestPages
{
    public static readonly Uri Url = new("https://example.com/legal/terms");

    public static FetchedPage Html(string html) => Page(MediaTypes.Html, Encoding.UTF8.GetBytes(html));

    public static FetchedPage Page(string mediaType, byte[] body) => new(Url, Url, 200, mediaType, body, null, null, false);

    public static SourceDeclaration Source(IReadOnlyList<ContentSelector> select, IReadOnlyList<ContentSelector>? remove = null) =>
        new(Url.AbsoluteUri, select, remove ?? []);

    public static SourceDeclaration Select(params string[] css) => Source(css.Select(c => (ContentSelector)new CssSelector(c)).ToList());

    /// <summary>Extracts the body of a page built from the given body HTML.</summary>
    public static string Body(string bodyHtml) =>
        new DocumentExtractor().Extract(Html($"<!doctype html><html><head><title>t</title></head><body>{bodyHtml}</body></html>"), Select("body"));
}
