using AngleSharp.Html.Parser;
using Microsoft.Extensions.Options;
using Snapshots.Catalog;
using Snapshots.Fetching;

namespace Snapshots.Extraction;

/// <summary>
/// Extracts the canonical Markdown text of a document from one fetched page. HTML and XHTML pages are cut down to
/// the declaration's <c>select</c> minus its <c>remove</c> (see <see cref="DeclaredContent"/>), with e-mail protection
/// placeholders decoded (<see cref="EmailProtection"/>), minus site chrome (<see cref="SiteChrome"/>: consent interfaces,
/// promotion bars, chat boxes and the site's navigation inside the selection) and rendered by
/// <see cref="MarkdownRenderer"/>; XHTML goes through the same (forgiving) HTML parser. Text/plain
/// (<see cref="PlainTextNormalizer"/>) and PDF (<see cref="PdfTextExtractor"/>) are normalized whole: select and remove do
/// not apply to them. Relative links resolve against the page's final URL (after redirects), or its <c>&lt;base href&gt;</c>.
/// Every extraction runs within an <see cref="ExtractionBudget"/> (time, elements, depth, PDF bounds), checked from inside
/// the parser and the selector matching. Holds no state: one instance can serve any number of threads. Does no I/O.
/// </summary>
public sealed class DocumentExtractor(IOptions<ExtractionOptions> options)
{
    public DocumentExtractor() : this(Microsoft.Extensions.Options.Options.Create(new ExtractionOptions())) { }

    public ExtractionOptions Options { get; } = options.Value;

    /// <summary>A fresh budget for one document's extraction (all its pages share it).</summary>
    public ExtractionBudget NewBudget(CancellationToken ct = default) => new(Options, ct);

    /// <summary>The document's text, ending with a single newline; throws <see cref="ExtractionException"/> when it cannot be extracted or is empty.</summary>
    public string Extract(FetchedPage page, SourceDeclaration source) => Extract(page, source, NewBudget());

    /// <inheritdoc cref="Extract(FetchedPage, SourceDeclaration)"/>
    public string Extract(FetchedPage page, SourceDeclaration source, ExtractionBudget budget)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(budget);
        if (page.NotModified) throw new ExtractionException(page.Url, "the server answered 304 Not Modified: there is no body to extract");

        budget.Check(page.Url);
        string text;
        try
        {
            text = page.MediaType switch
            {
                MediaTypes.Html or MediaTypes.Xhtml => FromHtml(page, source, budget),
                MediaTypes.PlainText => PlainTextNormalizer.Normalize(TextDecoding.DecodePlainText(page.Body, page.Charset)),
                MediaTypes.Pdf => FromPdf(page, budget),
                _ => throw new ExtractionException(page.Url, $"cannot extract text from the media type \"{page.MediaType}\""),
            };
        }
        catch (CharsetRefusedException e)
        {
            throw new ExtractionException(page.Url, e.Message);
        }
        if (text.Length == 0) throw new ExtractionException(page.Url, "the extracted text is empty");
        return text;
    }

    private static string FromHtml(FetchedPage page, SourceDeclaration source, ExtractionBudget budget)
    {
        var parser = new HtmlParser(budget.ParserOptions(page.Url));
        var html = TextDecoding.DecodeHtml(page.Body, page.Charset);
        var allowance = new TextAllowance(page.Url, html.Length, budget.Options, budget);
        using var document = parser.ParseDocument(html);
        budget.EndOfParse(page.Url);
        budget.Check(page.Url);
        var content = DeclaredContent.Cut(document, source, page.Url, budget);
        budget.Check(page.Url);
        EmailProtection.Decode(content.Nodes);
        SiteChrome.RemoveFrom(content, page.FinalUrl);
        budget.Check(page.Url);
        return MarkdownRenderer.Render(content.Nodes, page.FinalUrl, allowance);
    }

    /// <summary>
    /// What extraction leaves out of this page's text and why: site chrome, the declaration's removals, masked link tokens,
    /// and the obfuscated e-mail addresses it writes as the addresses they hide.
    /// Nothing for plain text and PDF, where select and remove do not apply. Runs within a fresh budget, like an extraction.
    /// </summary>
    public ExtractionExplanation Explain(FetchedPage page, SourceDeclaration source)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(source);
        if (page.NotModified || page.MediaType is not (MediaTypes.Html or MediaTypes.Xhtml)) return ExtractionExplanation.None;
        var budget = NewBudget();
        var parser = new HtmlParser(budget.ParserOptions(page.Url));
        string html;
        try { html = TextDecoding.DecodeHtml(page.Body, page.Charset); }
        catch (CharsetRefusedException e) { throw new ExtractionException(page.Url, e.Message); }
        using var document = parser.ParseDocument(html);
        budget.EndOfParse(page.Url);
        var removed = new List<DroppedBlock>();
        var content = DeclaredContent.Cut(document, source, page.Url, budget, removed);
        var placeholders = EmailProtection.Decode(content.Nodes);
        var chrome = SiteChrome.RemoveFrom(content, page.FinalUrl);
        var masked = content.Nodes.OfType<AngleSharp.Dom.IParentNode>()
            .SelectMany(root => root.QuerySelectorAll("a[href]"))
            .Select(a => a.GetAttribute("href")!.Trim())
            .Where(href => Uri.TryCreate(page.FinalUrl, href, out var url) && url.Query.Length > 1 && QueryTokens.MaskValues(url.Query) != url.Query)
            .Distinct()
            .Select(href => new MaskedLink(href, LinkNormalizer.Normalize(new Uri(page.FinalUrl, href))))
            .ToList();
        return new ExtractionExplanation(chrome, removed, masked, placeholders);
    }

    private static string FromPdf(FetchedPage page, ExtractionBudget budget)
    {
        try
        {
            return PdfTextExtractor.Extract(page.Body, budget, page.Url);
        }
        catch (Exception e) when (e is not ExtractionException and not OperationCanceledException and not OutOfMemoryException)
        {
            throw new ExtractionException(page.Url, $"the PDF cannot be read: {e.Message}");
        }
    }
}
