using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace Snapshots.Extraction;

/// <summary>
/// Text of a PDF document with PdfPig: per page, words are grouped into text blocks (Docstrum layout analysis) put in
/// reading order; each block becomes one paragraph with its white space folded; pages are joined in order.
/// A paragraph split by a page break stays two paragraphs.
/// Bounded (<see cref="ExtractionOptions"/>): objects and tree nodes counted from the bytes before PdfPig opens the file
/// (<see cref="PdfStructureScan"/>: PdfPig reads the page tree with a recursion as deep as the tree), pages, decompressed
/// stream bytes (a deflate bomb is refused before it is inflated into memory), form XObjects unfolded before a page is laid
/// out (<see cref="PdfFormDraws"/>: nesting depth and draws), glyphs (estimated from the content streams before a page is
/// laid out, then counted), the memory budget those imply, and the document's time budget and cancellation between steps.
/// PdfPig runs on a thread with a large stack (<see cref="LargeStack"/>), whatever thread asks.
/// </summary>
internal static class PdfTextExtractor
{
    public static string Extract(byte[] bytes) => Extract(bytes, ExtractionBudget.Default(), new Uri("about:pdf"));

    public static string Extract(byte[] bytes, ExtractionBudget budget, Uri url)
    {
        var bounds = new PdfBounds(budget.Options, url);
        PdfStructureScan.Check(bytes, new PdfBounds(budget.Options, url), budget, url);
        budget.Check(url);
        return LargeStack.Run(() => Read(bytes, bounds, budget, url), "pdf extraction");
    }

    private static string Read(byte[] bytes, PdfBounds bounds, ExtractionBudget budget, Uri url)
    {
        var paragraphs = new List<string>();
        using var document = PdfDocument.Open(bytes, new ParsingOptions { FilterProvider = new BoundedPdfFilters(bounds) });
        bounds.ThrowIfViolated();
        document.AddPageFactory(new PdfFormDraws(document.Structure.TokenScanner, bounds, url));
        if (document.NumberOfPages > budget.Options.MaxPdfPages)
            throw new ExtractionException(url, $"the PDF has {document.NumberOfPages:N0} pages, more than {budget.Options.MaxPdfPages:N0} (Extraction__MaxPdfPages)");
        long letters = 0;
        for (var number = 1; number <= document.NumberOfPages; number++)
        {
            budget.Check(url);
            var draws = document.GetPage<PdfPageDraws>(number);
            bounds.CheckGlyphs(letters + draws.Glyphs);
            budget.Check(url);
            var page = document.GetPage(number);
            bounds.ThrowIfViolated();
            letters += page.Letters.Count;
            bounds.CheckGlyphs(letters);
            var words = NearestNeighbourWordExtractor.Instance.GetWords(page.Letters);
            var blocks = DocstrumBoundingBoxes.Instance.GetBlocks(words);
            var ordered = UnsupervisedReadingOrderDetector.Instance.Get(blocks).OrderBy(b => b.ReadingOrder);
            paragraphs.AddRange(ordered.Select(block => Whitespace.FoldAndTrim(block.Text)).Where(text => text.Length > 0));
        }
        var text = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            if (text.Length > 0) text.Append('\n');
            text.Append(paragraph).Append('\n');
        }
        return text.ToString();
    }
}
