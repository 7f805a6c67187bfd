using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using Snapshots.Extraction;
using Snapshots.Fetching;

namespace Snapshots.Tests.Extraction;

public class PdfExtractionTests
{
    private readonly DocumentExtractor _extractor = new();

    /// <summary>A two-page PDF written with PdfPig: a title and a paragraph on page one, a paragraph on page two.</summary>
    private static byte[] TwoPagePdf(string secondPageText)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var first = builder.AddPage(595, 842);
        first.AddText("Terms of Service", 18, new PdfPoint(72, 750), font);
        first.AddText("You agree to these terms.", 11, new PdfPoint(72, 600), font);
        var second = builder.AddPage(595, 842);
        second.AddText(secondPageText, 11, new PdfPoint(72, 750), font);
        return builder.Build();
    }

    [Fact]
    public void Pdf_text_keeps_paragraphs_in_page_order()
    {
        var text = _extractor.Extract(TestPages.Page(MediaTypes.Pdf, TwoPagePdf("We may change them.")), TestPages.Select("body"));

        Assert.Equal("Terms of Service\n\nYou agree to these terms.\n\nWe may change them.\n", text);
    }

    [Fact]
    public void Pdf_text_is_deterministic_and_sees_a_change()
    {
        string Extract(string second) => _extractor.Extract(TestPages.Page(MediaTypes.Pdf, TwoPagePdf(second)), TestPages.Select("body"));

        Assert.Equal(Extract("We may change them."), Extract("We may change them."));
        Assert.NotEqual(Extract("We may change them."), Extract("We will change them."));
    }

    [Fact]
    public void Broken_pdf_is_an_extraction_error()
    {
        var error = Assert.Throws<ExtractionException>(() =>
            _extractor.Extract(TestPages.Page(MediaTypes.Pdf, "%PDF-1.7 not really"u8.ToArray()), TestPages.Select("body")));

        Assert.Contains("PDF", error.Reason);
    }
}
