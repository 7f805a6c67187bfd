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
/// </summary>
internal static class PdfTextExtractor
{
    public static string Extract(byte[] bytes)
    {
        var paragraphs = new List<string>();
        using var document = PdfDocument.Open(bytes);
        foreach (var page in document.GetPages())
        {
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
