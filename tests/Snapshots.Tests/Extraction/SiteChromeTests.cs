using System.Text;
using Snapshots.Fetching;
using Snapshots.Catalog;
using Snapshots.Extraction;

namespace Snapshots.Tests.Extraction;

public class SiteChromeTests
{
    private static readonly Uri Url = new("https://docs.example.ai/privacy");

    private static FetchedPage Html(string body) =>
        new(Url, Url, 200, MediaTypes.Html, Encoding.UTF8.GetBytes($"<!doctype html><html><head><title>Privacy</title></head><body>{body}</body></html>"), null, null, false);

    private static SourceDeclaration Select(string css) => new(Url.AbsoluteUri, [new CssSelector(css)], []);

    private static string Extract(string body, string select = "#content-area") => new DocumentExtractor().Extract(Html(body), Select(select));

    private const string Policy = "<h1>Privacy Policy</h1><p>We keep your prompts for 30 days.</p>";

    [Theory]
    // IAB TCF consent banner whose vendor count changes on its own
    [InlineData("<div id=\"qc-cmp2-container\"><p>We and our 1731 partners store and/or access information on a device.</p></div>")]
    [InlineData("<div id=\"onetrust-consent-sdk\"><div id=\"onetrust-banner-sdk\"><p>We and our 1732 partners use cookies.</p></div></div>")]
    [InlineData("<div class=\"fc-consent-root\"><p>example.ai asks for your consent to use your personal data.</p></div>")]
    [InlineData("<div class=\"q7\"><p>Number of Vendors seeking consent: 818</p></div>")]
    // promotion and announcement bars
    [InlineData("<div class=\"theme-announcement-bar\" role=\"banner\">Claude Opus 5 is now live! Read more</div>")]
    [InlineData("<div class=\"announcement-bar top\"><a href=\"/blog/launch\">Agents are now live!</a></div>")]
    // a Mintlify assistant bar: its keyboard hint is ⌘I or Ctrl+I depending on the visitor's platform
    [InlineData("<div class=\"chat-assistant-floating-input z-10 w-full\"><textarea placeholder=\"Ask a question...\"></textarea><span>⌘I</span></div>")]
    [InlineData("<div class=\"left-0 sticky print:hidden\"><span>Ctrl+I</span> Ask AI</div>")]
    // documentation-platform furniture inside the article
    [InlineData("<blockquote class=\"sr-only\" data-agent-docs-index=\"true\"><h2>Documentation Index</h2><p>Fetch the complete documentation index at: <a href=\"https://docs.example.ai/llms.txt\">llms.txt</a></p></blockquote>")]
    [InlineData("<a href=\"https://www.mintlify.com?utm_campaign=poweredBy&amp;utm_medium=referral&amp;utm_source=exampleai\"><span>Powered by</span><span class=\"sr-only\">This documentation is built and hosted on Mintlify</span></a>")]
    public void Site_chrome_inside_the_selection_is_left_out_of_the_text(string chrome)
    {
        var without = Extract($"<div id=\"content-area\">{Policy}</div>");
        var with = Extract($"<div id=\"content-area\">{chrome}{Policy}</div>");

        Assert.Equal(without, with);
        Assert.Contains("We keep your prompts for 30 days.", with);
    }

    [Fact]
    public void Explain_names_the_chrome_dropped_with_its_rule_and_text()
    {
        var page = Html($"<div id=\"content-area\"><div id=\"qc-cmp2-container\"><p>We and our 1731 partners store information.</p></div>{Policy}</div>");

        var explanation = new DocumentExtractor().Explain(page, Select("#content-area"));

        var block = Assert.Single(explanation.Chrome);
        Assert.Contains("Quantcast", block.Reason);
        Assert.Equal("We and our 1731 partners store information.", block.Text);
    }

    [Fact]
    public void A_consent_text_counting_partners_is_chrome_whatever_its_markup_and_the_policy_around_it_is_kept()
    {
        const string banner = "<div class=\"x9f2\"><p>We and our {0} partners store and/or access information on a device, such as cookies.</p><p>Manage options</p></div>";
        var before = Extract($"<div id=\"content-area\">{string.Format(banner, "1731")}{Policy}<p>We and our partners may share data as described below.</p></div>");
        var after = Extract($"<div id=\"content-area\">{string.Format(banner, "1,732")}{Policy}<p>We and our partners may share data as described below.</p></div>");

        Assert.Equal(before, after);
        Assert.DoesNotContain("1731", before);
        Assert.Contains("Manage options", before); // only the block with the count is dropped
        Assert.Contains("We and our partners may share data", before);
    }

    [Fact]
    public void A_selected_element_is_never_dropped_as_chrome()
    {
        var text = Extract("<div class=\"announcement-bar\"><p>Our terms change on 1 June 2026.</p></div>", ".announcement-bar");

        Assert.Equal("Our terms change on 1 June 2026.\n", text);
    }

    [Theory]
    [InlineData("<div class=\"policy-banner-text\"><p>Effective 1 June 2026.</p></div>")] // not a whole class token
    [InlineData("<section class=\"banner\"><p>Effective 1 June 2026.</p></section>")]     // bare "banner" is not a rule
    [InlineData("<div role=\"alert\"><p>Effective 1 June 2026.</p></div>")]
    public void Look_alike_blocks_of_the_document_are_kept(string block)
    {
        Assert.Contains("Effective 1 June 2026.", Extract($"<div id=\"content-area\">{Policy}{block}</div>"));
    }

    [Fact]
    public void A_changed_sentence_next_to_chrome_is_still_a_change()
    {
        const string banner = "<div id=\"qc-cmp2-container\"><p>We and our 1731 partners store information.</p></div>";
        var before = Extract($"<div id=\"content-area\">{banner}{Policy}</div>");
        var after = Extract($"<div id=\"content-area\">{banner.Replace("1731", "1732")}{Policy.Replace("30 days", "90 days")}</div>");

        Assert.NotEqual(before, after);
        Assert.Contains("90 days", after);
    }

    [Theory]
    [InlineData("<img src=\"https://px.ads.example.net/t.gif?uid=6f1c2d7a-93b4-4e0f-9a51-0c7d2e8b4f13\" alt=\"\" width=\"1\" height=\"1\">")]
    [InlineData("<img src=\"https://ct.example.com/p?id=9f86d081884c7d659a2feaa0c55ad015\" alt=\"tracking pixel\" width=\"1\" height=\"1\">")]
    [InlineData("<img src=\"https://t.example.com/i.gif\" alt=\"\" style=\"width:1px;height:1px;border:0\">")]
    [InlineData("<a href=\"https://click.example.com/c?r=6f1c2d7a-93b4-4e0f-9a51-0c7d2e8b4f13\"><img src=\"https://click.example.com/o.gif\" alt=\"\"></a>")]
    public void Tracking_pixels_in_the_selection_give_no_text(string pixel)
    {
        Assert.Equal(Extract($"<div id=\"content-area\">{Policy}</div>"), Extract($"<div id=\"content-area\">{Policy}<p>{pixel}</p></div>"));
    }

    [Fact]
    public void An_image_with_alt_text_that_is_not_a_pixel_still_reads_as_its_alt_text()
    {
        Assert.Contains("Diagram of data flows", Extract($"<div id=\"content-area\">{Policy}<img src=\"/flows.png\" alt=\"Diagram of data flows\" width=\"640\" height=\"1\"></div>"));
    }

    [Fact]
    public void Every_rule_needs_an_attribute_so_elements_without_attributes_are_never_chrome()
    {
        // SiteChrome matches an element only against the rules whose id, class or attribute it has (SelectorPrefilter): a rule
        // that matched by tag alone would be tried on every element. Each alternative of each rule must name one.
        foreach (var rule in SiteChromeRules.All)
            foreach (var alternative in rule.Selector.Split(','))
                Assert.True(alternative.IndexOfAny(['#', '.', '[']) >= 0, $"\"{alternative.Trim()}\" of rule \"{rule.Selector}\" matches by tag alone");
    }

    [Fact]
    public void Every_rule_is_a_valid_selector()
    {
        foreach (var rule in SiteChromeRules.All)
        {
            using var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<html><body><p>x</p></body></html>");
            _ = document.QuerySelectorAll(rule.Selector); // throws on an invalid selector
            Assert.False(string.IsNullOrWhiteSpace(rule.Reason));
        }
    }
}
