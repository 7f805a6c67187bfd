using Snapshots.Fetching;

namespace Snapshots.Tests.Hostile;

/// <summary>What a response may put into a row: validators, charset and quoted header text, bounded and checked.</summary>
[Trait("Category", "Hostile")]
public sealed class ResponseFieldProbes
{
    [Theory]
    [InlineData("\"abc123\"")]
    [InlineData("W/\"5f2-1a9\"")]
    public void Well_formed_ETags_are_kept(string etag) => Assert.Equal(etag, ResponseFields.ETag(etag));

    [Fact]
    public void A_40000_character_ETag_is_dropped() => Assert.Null(ResponseFields.ETag("\"" + new string('e', 40_000) + "\""));

    [Theory]
    [InlineData("\"ab\u001b[2Jcd\"")]
    [InlineData("\"ab cd\"")]
    [InlineData("no-quotes")]
    [InlineData("\"é\"")]
    public void Malformed_ETags_are_dropped(string etag) => Assert.Null(ResponseFields.ETag(etag));

    [Theory]
    [InlineData("text/html; charset=windows-1252", "windows-1252")]
    [InlineData("text/html; charset=\"ISO-8859-1\"", "ISO-8859-1")]
    [InlineData("text/html", null)]
    [InlineData("text/html; charset=\u001b[2J", null)]
    public void The_charset_parameter_is_read_when_sane(string contentType, string? charset) =>
        Assert.Equal(charset, ResponseFields.Charset(contentType));

    [Fact]
    public void Quoted_header_text_is_one_visible_bounded_line()
    {
        var quoted = ResponseFields.Quoted("Oops\u001b]0;pwned\u0007\r\n" + new string('x', 500));

        Assert.StartsWith("Oops\u241b]0;pwned\u2407\u240d\u240a", quoted);
        Assert.Equal(ResponseFields.MaxQuotedLength, quoted.Length);
        Assert.EndsWith("…", quoted);
    }
}
