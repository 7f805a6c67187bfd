using System.Text;
using Snapshots.Extraction;
using Snapshots.Fetching;

namespace Snapshots.Tests.Extraction;

public class PlainTextAndCharsetTests
{
    private readonly DocumentExtractor _extractor = new();

    [Fact]
    public void Plain_text_keeps_lines_folds_spaces_and_collapses_blank_runs()
    {
        var body = Encoding.UTF8.GetBytes("\uFEFF  TERMS  \r\n\r\n\r\n1.\tUse  it\u00A0well.   \r\n2. Be\u200B nice.\n\n\n");

        var text = _extractor.Extract(TestPages.Page(MediaTypes.PlainText, body), TestPages.Select("body"));

        Assert.Equal("TERMS\n\n1. Use it well.\n2. Be nice.\n", text);
    }

    [Fact]
    public void Plain_text_ignores_select_because_it_has_no_markup()
    {
        var page = TestPages.Page(MediaTypes.PlainText, Encoding.UTF8.GetBytes("Just text"));

        Assert.Equal("Just text\n", _extractor.Extract(page, TestPages.Select("main .terms")));
    }

    [Fact]
    public void Empty_plain_text_is_an_extraction_error()
    {
        var page = TestPages.Page(MediaTypes.PlainText, Encoding.UTF8.GetBytes(" \n\t\n"));

        Assert.Throws<ExtractionException>(() => _extractor.Extract(page, TestPages.Select("body")));
    }

    [Fact]
    public void Html_is_decoded_with_the_charset_declared_in_meta()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><p>Données – «privées»</p></body></html>";
        var page = TestPages.Page(MediaTypes.Html, Encoding.GetEncoding(1252).GetBytes(html));

        Assert.Equal("Données – «privées»\n", _extractor.Extract(page, TestPages.Select("p")));
    }

    [Fact]
    public void Html_without_a_declared_charset_is_read_as_utf8()
    {
        var page = TestPages.Page(MediaTypes.Html, Encoding.UTF8.GetBytes("<p>Datenschutzerklärung 数据</p>"));

        Assert.Equal("Datenschutzerklärung 数据\n", _extractor.Extract(page, TestPages.Select("p")));
    }

    [Fact]
    public void Unsupported_media_type_is_an_extraction_error()
    {
        var page = TestPages.Page("image/png", [1, 2, 3]);

        var error = Assert.Throws<ExtractionException>(() => _extractor.Extract(page, TestPages.Select("body")));

        Assert.Contains("image/png", error.Reason);
    }
}
