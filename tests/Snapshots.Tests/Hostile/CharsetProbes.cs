using System.Text;
using Snapshots.Extraction;
using Snapshots.Fetching;
using Snapshots.Tests.Extraction;

namespace Snapshots.Tests.Hostile;

/// <summary>The HTML encoding sniffing rules: BOM, then the HTTP charset, then the meta tag, then detection.</summary>
[Trait("Category", "Hostile")]
public sealed class CharsetProbes
{
    private static Encoding Windows1252
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1252);
        }
    }
    private const string Body = "<p>Données personnelles – « conservées » 30 jours… ’quoted’ €5</p>";
    private const string Expected = "Données personnelles – « conservées » 30 jours… ’quoted’ €5\n";

    private static string Extract(byte[] bytes, string? charset) =>
        new DocumentExtractor().Extract(TestPages.Page(MediaTypes.Html, bytes) with { Charset = charset }, TestPages.Select("body"));

    [Fact]
    public void A_windows_1252_page_declared_only_in_the_HTTP_header_is_decoded_right() =>
        Assert.Equal(Expected, Extract(Windows1252.GetBytes($"<html><body>{Body}</body></html>"), "windows-1252"));

    [Fact]
    public void The_HTTP_charset_wins_over_a_contradicting_meta() =>
        Assert.Equal(Expected, Extract(Encoding.UTF8.GetBytes($"<html><head><meta charset=\"iso-8859-1\"></head><body>{Body}</body></html>"), "utf-8"));

    [Fact]
    public void Iso_8859_1_means_windows_1252_as_browsers_read_it() =>
        Assert.Equal(Expected, Extract(Windows1252.GetBytes($"<html><head><meta charset=\"iso-8859-1\"></head><body>{Body}</body></html>"), null));

    [Fact]
    public void Undeclared_bytes_that_are_not_UTF8_are_detected_as_windows_1252() =>
        Assert.Equal(Expected, Extract(Windows1252.GetBytes($"<html><body>{Body}</body></html>"), null));

    [Fact]
    public void A_byte_order_mark_wins_over_the_HTTP_charset() =>
        Assert.Equal(Expected, Extract([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes($"<html><body>{Body}</body></html>")], "windows-1252"));

    [Fact]
    public void An_unknown_HTTP_charset_is_a_failure_naming_it_not_a_guess()
    {
        var error = Assert.Throws<ExtractionException>(() =>
            Extract(Windows1252.GetBytes($"<html><head><meta charset=\"windows-1252\"></head><body>{Body}</body></html>"), "x-no-such"));

        Assert.Contains("\"x-no-such\" (in its Content-Type header)", error.Message);
    }

    [Fact]
    public void A_byte_order_mark_wins_over_an_unsafe_declared_charset() =>
        Assert.Equal(Expected, Extract([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes($"<html><head><meta charset=\"utf-7\"></head><body>{Body}</body></html>")], "utf-7"));

    [Theory]
    [InlineData("utf8")]
    [InlineData("UTF-8")]
    [InlineData("\"utf-8\"")]
    [InlineData("unicode-1-1-utf-8")]
    public void Labels_of_the_encoding_standard_for_UTF8_are_read(string label) =>
        Assert.Equal(Expected, Extract(Encoding.UTF8.GetBytes($"<html><body>{Body}</body></html>"), label));

    [Theory]
    [InlineData("koi8-r", "Привет", 20866)]
    [InlineData("shift_jis", "利用規約", 932)]
    [InlineData("gbk", "隐私政策", 936)]
    [InlineData("euc-kr", "개인정보", 949)]
    public void Legacy_encodings_of_the_standard_are_still_read(string label, string words, int codePage)
    {
        _ = Windows1252; // registers the code pages
        var bytes = Encoding.GetEncoding(codePage).GetBytes($"<html><head><meta charset=\"{label}\"></head><body><p>{words}</p></body></html>");

        Assert.Equal(words + "\n", Extract(bytes, null));
    }

    [Fact]
    public void A_windows_1252_plain_text_page_is_decoded_by_its_header() =>
        Assert.Equal("Données – 30 jours…\n", new DocumentExtractor().Extract(
            TestPages.Page(MediaTypes.PlainText, Windows1252.GetBytes("Données – 30 jours…")) with { Charset = "windows-1252" }, TestPages.Select("body")));
}
