using AngleSharp.Html.Parser;
using Snapshots.Catalog;
using Snapshots.Fetching;

namespace Snapshots.Extraction;

/// <summary>
/// Extracts the canonical Markdown text of a document from one fetched page. HTML and XHTML pages are cut down to
/// the declaration's <c>select</c> minus its <c>remove</c> (see <see cref="DeclaredContent"/>) and rendered by
/// <see cref="MarkdownRenderer"/>; XHTML goes through the same (forgiving) HTML parser. Text/plain
/// (<see cref="PlainTextNormalizer"/>) and PDF (<see cref="PdfTextExtractor"/>) are normalized whole: select and remove do
/// not apply to them. Relative links resolve against the page's final URL (after redirects), or its <c>&lt;base href&gt;</c>.
/// Holds no state: one instance can serve any number of threads. Does no I/O.
/// </summary>
public sealed class DocumentExtractor
{
    /// <summary>The document's text, ending with a single newline; throws <see cref="ExtractionException"/> when it cannot be extracted or is empty.</summary>
    public string Extract(FetchedPage page, SourceDeclaration source)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(source);
        if (page.NotModified) throw new ExtractionException(page.Url, "the server answered 304 Not Modified: there is no body to extract");

        var text = page.MediaType switch
        {
            MediaTypes.Html or MediaTypes.Xhtml => FromHtml(page, source),
            MediaTypes.PlainText => PlainTextNormalizer.Normalize(TextDecoding.DecodePlainText(page.Body)),
            MediaTypes.Pdf => FromPdf(page),
            _ => throw new ExtractionException(page.Url, $"cannot extract text from the media type \"{page.MediaType}\""),
        };
        if (text.Length == 0) throw new ExtractionException(page.Url, "the extracted text is empty");
        return text;
    }

    private static string FromHtml(FetchedPage page, SourceDeclaration source)
    {
        var parser = new HtmlParser();
        using var document = parser.ParseDocument(TextDecoding.DecodeHtml(page.Body));
        var content = DeclaredContent.Cut(document, source, page.Url);
        return MarkdownRenderer.Render(content, page.FinalUrl);
    }

    private static string FromPdf(FetchedPage page)
    {
        try
        {
            return PdfTextExtractor.Extract(page.Body);
        }
        catch (Exception e) when (e is not ExtractionException and not OutOfMemoryException)
        {
            throw new ExtractionException(page.Url, $"the PDF cannot be read: {e.Message}");
        }
    }
}
