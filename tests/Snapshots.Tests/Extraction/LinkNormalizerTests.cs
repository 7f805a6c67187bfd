using Snapshots.Extraction;

namespace Snapshots.Tests.Extraction;

public class LinkNormalizerTests
{
    private static string Normalize(string url) => LinkNormalizer.Normalize(new Uri(url));

    [Theory]
    [InlineData("https://example.com/p?utm_source=a&utm_medium=b&UTM_Campaign=c", "https://example.com/p")]
    [InlineData("https://example.com/p?fbclid=IwAR0x&gclid=Cj0&dclid=1&msclkid=2&yclid=3&igshid=4", "https://example.com/p")]
    [InlineData("https://example.com/p?mc_cid=1&mc_eid=2&_ga=2.1.3&_gl=1*abc&ref_src=twsrc", "https://example.com/p")]
    [InlineData("https://example.com/p?_hsenc=p2ANqtz-8f3a&_hsmi=123&__hstc=1.a.2&__hssc=1.2&__hsfp=99&hsCtaTracking=abc%7Cdef", "https://example.com/p")]
    [InlineData("https://example.com/p?sid=1&sessionid=2&session_id=3&jsessionid=4&PHPSESSID=5", "https://example.com/p")]
    public void Tracking_and_session_parameters_are_removed_with_the_empty_query(string url, string expected)
    {
        Assert.Equal(expected, Normalize(url));
    }

    [Fact]
    public void Other_parameters_keep_their_order_and_spelling()
    {
        Assert.Equal("https://example.com/p?lang=en&id=3f2a9c1b7e&page=2", Normalize("https://example.com/p?utm_source=x&lang=en&id=3f2a9c1b7e&gclid=y&page=2"));
    }

    [Fact]
    public void Jsessionid_path_parameter_is_removed_and_the_path_kept()
    {
        Assert.Equal("https://example.com/legal/terms.do?v=2", Normalize("https://example.com/legal/terms.do;jsessionid=0AB12CD34EF?v=2"));
    }

    [Theory]
    [InlineData("https://example.com/legal/terms-2024", "https://example.com/legal/terms-2025")]
    [InlineData("https://example.com/Privacy", "https://example.com/privacy")]
    [InlineData("https://example.com/privacy", "https://example.com/privacy/")]
    public void Path_changes_are_preserved(string before, string after)
    {
        Assert.NotEqual(Normalize(before), Normalize(after));
        Assert.Equal(new Uri(after).AbsolutePath, new Uri(Normalize(after)).AbsolutePath);
    }

    [Fact]
    public void Meaningful_fragment_is_kept_and_text_fragment_directive_dropped()
    {
        Assert.Equal("https://example.com/p#section-3", Normalize("https://example.com/p?utm_source=x#section-3"));
        Assert.Equal("https://example.com/p", Normalize("https://example.com/p#:~:text=retention"));
        Assert.Equal("https://example.com/p#s2", Normalize("https://example.com/p#s2:~:text=retention"));
    }

    [Fact]
    public void Scheme_and_host_case_and_default_port_are_canonical()
    {
        Assert.Equal("https://example.com/A?B=1", Normalize("HTTPS://Example.COM:443/A?B=1"));
    }

    [Fact]
    public void Non_http_links_are_left_alone()
    {
        Assert.Equal("mailto:legal@example.com?subject=utm_source", Normalize("mailto:legal@example.com?subject=utm_source"));
    }

    [Fact]
    public void The_reviewed_list_names_every_parameter_of_the_brief()
    {
        string[] required = ["fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl", "yclid", "igshid", "ref_src",
            "sid", "sessionid", "session_id", "jsessionid", "phpsessid", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsCtaTracking"];

        Assert.All(required, name => Assert.True(TrackingParameters.IsTracking(name), name));
        Assert.True(TrackingParameters.IsTracking("utm_anything"));
        Assert.False(TrackingParameters.IsTracking("id"));
    }
}
