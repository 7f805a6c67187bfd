using System.Text;
using Verdict = Snapshots.Fetching.MediaTypeDetector.Verdict;
using Snapshots.Fetching;

namespace Snapshots.Tests.Fetching;

public sealed class MediaTypeDetectorTests
{
    [Theory]
    [InlineData("text/html", MediaTypes.Html)]
    [InlineData("Text/HTML; charset=UTF-8", MediaTypes.Html)]
    [InlineData("  text/html ;charset=iso-8859-1", MediaTypes.Html)]
    [InlineData("application/xhtml+xml", MediaTypes.Xhtml)]
    [InlineData("text/xhtml", MediaTypes.Xhtml)]
    [InlineData("text/plain; charset=utf-8", MediaTypes.PlainText)]
    [InlineData("application/pdf", MediaTypes.Pdf)]
    [InlineData("application/x-pdf", MediaTypes.Pdf)]
    public void Normalizes_supported_content_types(string header, string expected)
    {
        Assert.Equal(Verdict.Supported, MediaTypeDetector.FromHeader(header, out var mediaType));
        Assert.Equal(expected, mediaType);
    }

    [Theory]
    [InlineData("image/png", "image/png")]
    [InlineData("application/json; charset=utf-8", "application/json")]
    [InlineData("TEXT/CSS", "text/css")]
    public void Rejects_other_content_types_by_their_essence(string header, string expected)
    {
        Assert.Equal(Verdict.Unsupported, MediaTypeDetector.FromHeader(header, out var mediaType));
        Assert.Equal(expected, mediaType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("application/octet-stream")]
    [InlineData("binary/octet-stream")]
    public void Leaves_missing_or_generic_content_types_to_sniffing(string? header) =>
        Assert.Equal(Verdict.Unknown, MediaTypeDetector.FromHeader(header, out _));

    [Theory]
    [InlineData("%PDF-1.7\n...", MediaTypes.Pdf)]
    [InlineData("<!doctype html><p>x", MediaTypes.Html)]
    [InlineData("\r\n  <html>", MediaTypes.Html)]
    [InlineData("\uFEFF<html>", MediaTypes.Html)]
    [InlineData("Terms of service", null)]
    [InlineData("", null)]
    [InlineData("%PDF", null)]
    public void Sniffs_pdf_and_html_bodies(string body, string? expected) =>
        Assert.Equal(expected, MediaTypeDetector.Sniff(Encoding.UTF8.GetBytes(body)));
}
