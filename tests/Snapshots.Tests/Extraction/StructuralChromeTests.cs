using System.Text;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;

namespace Snapshots.Tests.Extraction;

/// <summary>
/// Site chrome recognized by structure, whatever the site or vendor (StructuralChromeRules): navigation, consent interfaces,
/// announcement bars, font-measuring glyphs; and what must stay: the document's title block, its table of contents, its own
/// lists of links, a cookie policy's text.
/// </summary>
public class StructuralChromeTests
{
    private static readonly Uri Url = new("https://www.example.ai/legal/terms");

    private static FetchedPage Html(string body) =>
        new(Url, Url, 200, MediaTypes.Html, Encoding.UTF8.GetBytes($"<!doctype html><html><head><title>Terms</title></head><body>{body}</body></html>"), null, null, false);

    private static string Extract(string body, params string[] select) =>
        new DocumentExtractor().Extract(Html(body), new SourceDeclaration(Url.AbsoluteUri, select.Select(s => (ContentSelector)new CssSelector(s)).ToList(), []));

    private static ExtractionExplanation Explain(string body, params string[] select) =>
        new DocumentExtractor().Explain(Html(body), new SourceDeclaration(Url.AbsoluteUri, select.Select(s => (ContentSelector)new CssSelector(s)).ToList(), []));

    private const string Terms =
        "<h1>Terms of Service</h1><p>Last updated: May 3, 2026</p>"
        + "<h2>1. Your account</h2><p>You must be at least 18 years old to create an account and use the services we provide.</p>"
        + "<h2>2. Payment</h2><p>Fees are billed monthly in advance and are not refundable except where the law requires it.</p>"
        + "<p>See our <a href=\"/legal/privacy\">Privacy Policy</a> for how we handle the personal data you give us.</p>";

    private static string Menu(params string[] items) => "<ul>" + string.Concat(items.Select(i => $"<li><a href=\"/{i.ToLowerInvariant().Replace(' ', '-')}\">{i}</a></li>")) + "</ul>";

    private static string Footer(params string[] extra) =>
        "<div class=\"grid\"><div><h3>Product</h3>" + Menu(["Pricing", "Enterprise", .. extra]) + "</div>"
        + "<div><h3>Resources</h3>" + Menu("Blog", "Guides", "Changelog") + "</div>"
        + "<div><h3>Socials</h3>" + Menu("Discord", "LinkedIn") + "</div></div>";

    private static readonly string Policy = Extract($"<main>{Terms}</main>", "main");

    [Fact]
    public void Landmark_navigation_inside_a_broad_selection_is_left_out_and_changes_in_it_are_not_changes()
    {
        string Page(string added) =>
            $"<header><a href=\"/\">Example</a><nav aria-label=\"Main\">{Menu("Product", "Research", added)}</nav></header>"
            + $"<main>{Terms}</main><footer>{Footer(added)}<p>© 2026 Example AI, Inc.</p></footer>";

        var text = Extract(Page("Careers"), "body");

        Assert.Equal(Policy, text);
        Assert.Equal(text, Extract(Page("Agents"), "body"));
        Assert.Contains("[Privacy Policy](https://www.example.ai/legal/privacy)", text);
    }

    [Fact]
    public void Navigation_the_declaration_names_is_kept()
    {
        var page = $"<main>{Terms}</main><footer>{Footer()}</footer>";

        Assert.Contains("Enterprise", Extract(page, "footer"));
        Assert.Contains("Enterprise", Extract(page, "main", "footer"));
        Assert.Contains("Enterprise", Extract($"<div class=\"wrap\"><main>{Terms}</main><footer class=\"site\">{Footer()}</footer></div>", ".wrap", "footer.site"));
    }

    [Fact]
    public void A_broad_selector_that_also_takes_a_menu_container_loses_the_menu_but_keeps_the_document()
    {
        // The same class on the header's container, the main column and the footer's container (as on lovable.dev).
        string Page(string added) =>
            $"<nav class=\"top\"><div class=\"container\">{Menu("Solutions", "Pricing", added)}</div></nav>"
            + $"<main class=\"container\">{Terms}</main>"
            + $"<div class=\"container\"><div class=\"box\">{Footer(added)}</div></div>";

        Assert.Equal(Policy, Extract(Page("Community"), ".container"));
        Assert.Equal(Policy, Extract(Page("Security"), ".container"));
        var explained = Explain(Page("Community"), ".container").Chrome.Select(b => b.Rule).ToList();
        Assert.Contains(StructuralChromeRules.SelectedInsideNavigation.Selector, explained);
        Assert.Contains(StructuralChromeRules.MenuOutsideTheDocument.Selector, explained);
    }

    [Fact]
    public void Footer_columns_after_the_last_paragraph_are_left_out_even_without_landmarks()
    {
        var text = Extract($"<div class=\"page\">{Terms}{Footer("Careers")}</div>", ".page");

        Assert.Equal(Policy, text);
    }

    [Fact]
    public void The_documents_own_lists_of_links_and_table_of_contents_stay()
    {
        const string toc = "<nav aria-label=\"On this page\"><ol><li><a href=\"#account\">Your account</a></li><li><a href=\"#payment\">Payment</a></li></ol></nav>";
        const string processors = "<h2>3. Service providers</h2><p>We rely on the following providers, each bound by a data processing agreement with us:</p>"
            + "<ul><li><a href=\"https://stripe.com/privacy\">Stripe</a></li><li><a href=\"https://aws.amazon.com/privacy/\">Amazon Web Services</a></li></ul>"
            + "<p>We will tell you thirty days before we add a provider that processes your personal data.</p>";
        const string related = "<h2>Related policies</h2><ul><li><a href=\"/legal/aup\">Acceptable Use Policy</a></li><li><a href=\"/legal/dpa\">Data Processing Addendum</a></li></ul>";

        var text = Extract($"<header><nav>{Menu("Home", "Blog")}</nav></header><main>{toc}{Terms}{processors}{related}</main>", "body");

        Assert.StartsWith("1. Your account\n2. Payment\n\n# Terms of Service", text); // the table of contents
        Assert.Contains("- [Stripe](https://stripe.com/privacy)", text);
        Assert.Contains("- [Acceptable Use Policy](https://www.example.ai/legal/aup)", text);
        Assert.DoesNotContain("[Blog]", text);
    }

    [Fact]
    public void An_annex_of_links_to_other_sites_beside_the_documents_text_stays()
    {
        const string annex = "<div class=\"annex\"><h3>Annex 1: Sub-processors</h3><ul><li><a href=\"https://aws.amazon.com/privacy/\">Amazon Web Services</a></li>"
            + "<li><a href=\"https://stripe.com/privacy\">Stripe</a></li><li><a href=\"https://www.cloudflare.com/privacypolicy/\">Cloudflare</a></li></ul></div>";

        var text = Extract($"<main><div class=\"article\">{Terms}</div>{annex}<div class=\"more\">{Footer()}</div></main>", "main");

        Assert.Contains("### Annex 1: Sub-processors\n\n- [Amazon Web Services](https://aws.amazon.com/privacy/)", text);
        Assert.DoesNotContain("Changelog", text);
    }

    [Fact]
    public void A_title_block_with_the_date_stays_even_in_the_pages_header()
    {
        var text = Extract($"<header><h1>Terms of Service</h1><p>Effective May 3, 2026 · <a href=\"/legal/terms/2025\">Previous version</a></p></header>"
            + $"<div><p>You must be at least 18 years old to create an account and use the services we provide.</p></div>", "body");

        Assert.StartsWith("# Terms of Service\n\nEffective May 3, 2026 · [Previous version]", text);
    }

    [Fact]
    public void A_promotion_bar_above_the_document_is_left_out_and_a_dated_notice_stays()
    {
        string Page(string promotion) => $"<div id=\"content\"><div class=\"x1\"><a href=\"/blog/launch\">{promotion}</a></div>{Terms}</div>";

        Assert.Equal(Policy, Extract(Page("Example 5 is now live! Try it today"), "#content"));
        Assert.Equal(Policy, Extract(Page("Try Example Agents in Slack →"), "#content"));
        var dated = Extract($"<div id=\"content\"><p>These terms change on <a href=\"/legal/terms/next\">June 1, 2026</a>.</p>{Terms}</div>", "#content");
        Assert.StartsWith("These terms change on [June 1, 2026]", dated);
        Assert.Equal(StructuralChromeRules.AnnouncementBar.Selector, Assert.Single(Explain(Page("Example 5 is now live!"), "#content").Chrome).Rule);
        Assert.Equal(Policy, Extract($"<div id=\"content\"><a class=\"sr-only\" href=\"#main\">Skip to main content</a>{Terms}</div>", "#content"));
    }

    [Fact]
    public void A_short_linked_paragraph_of_a_document_without_headings_stays()
    {
        var text = Extract("<div id=\"c\"><p>See also <a href=\"/legal/privacy\">our privacy policy</a>.</p><p>You must be at least 18 years old to create an account and use the services.</p></div>", "#c");

        Assert.StartsWith("See also [our privacy policy]", text);
    }

    [Fact]
    public void A_font_measuring_block_is_left_out_and_signature_lines_stay()
    {
        var text = Extract($"<main><span style=\"position:absolute;visibility:hidden\">mmmmmmmmmmlli</span><div>WWWWWWWWWWWWWWWW iiiiiiiiiiiiiiii</div>{Terms}<p>Signed: ____________________</p></main>", "main");

        Assert.DoesNotContain("mmmm", text);
        Assert.DoesNotContain("WWWW", text);
        Assert.Contains("Signed: ____________________", text.Replace("\\_", "_"));
    }

    [Fact]
    public void Glyphs_laid_out_one_by_one_are_left_out_and_numbers_stay()
    {
        var text = Extract($"<main><div>l l l l l l l l l l</div>{Terms}<table><tr><td>Cap</td><td>10000000</td></tr></table></main>", "main");

        Assert.DoesNotContain("l l l", text);
        Assert.Contains("| Cap | 10000000 |", text);
    }

    [Fact]
    public void Share_and_ask_an_ai_links_that_carry_the_page_are_left_out_wherever_they_are()
    {
        string Box(string prompt) => "<div class=\"ai\"><p>Explore us in AI tools</p>"
            + $"<a href=\"https://chatgpt.com/?q={Uri.EscapeDataString(prompt + " https://www.example.ai/legal/terms")}\">ChatGPT</a>"
            + $"<a href=\"https://claude.ai/new?q={Uri.EscapeDataString(prompt + " Example AI")}\">Claude</a>"
            + $"<a href=\"https://www.perplexity.ai/search?q={Uri.EscapeDataString(prompt + " example.ai")}\">Perplexity</a></div>";

        var text = Extract($"<main>{Terms.Replace("<h2>2. Payment</h2>", Box("Summarize") + "<h2>2. Payment</h2>")}</main>", "main");

        Assert.Equal(Policy, text);
        Assert.Equal(text, Extract($"<main>{Terms}{Box("What are the key points of")}</main>", "main"));
        // Links to other sites that do not carry the page are the document's.
        Assert.Contains("[Stripe](https://stripe.com/privacy?lang=en)", Extract($"<main>{Terms}<ul><li><a href=\"https://stripe.com/privacy?lang=en\">Stripe</a></li><li><a href=\"https://aws.amazon.com/privacy/?nc=x\">AWS</a></li></ul></main>", "main"));
    }

    [Fact]
    public void Decoded_email_protection_reads_as_the_address_it_hides()
    {
        static string Encode(string value, byte key) => key.ToString("x2") + string.Concat(Encoding.UTF8.GetBytes(value).Select(b => ((byte)(b ^ key)).ToString("x2")));
        var plain = Extract("<main><p>Write to <a href=\"mailto:legal@example.ai\">legal@example.ai</a> or legal@example.ai.</p></main>", "main");

        var linked = Extract($"<main><p>Write to <a href=\"/cdn-cgi/l/email-protection#{Encode("legal@example.ai", 0x5a)}\"><span class=\"__cf_email__\" data-cfemail=\"{Encode("legal@example.ai", 0x13)}\">[email&#160;protected]</span></a>"
            + $" or <a href=\"/cdn-cgi/l/email-protection\" class=\"__cf_email__\" data-cfemail=\"{Encode("legal@example.ai", 0x77)}\">[email&#160;protected]</a>.</p></main>", "main");

        Assert.Equal(plain, linked);
        Assert.Contains("email protected", Extract("<main><p>Write to <span data-cfemail=\"zz\">[email&#160;protected]</span>.</p></main>", "main"));
    }

    [Fact]
    public void Every_structural_rule_has_its_own_name_and_a_reason()
    {
        Assert.All(StructuralChromeRules.All, rule => Assert.False(string.IsNullOrWhiteSpace(rule.Reason)));
        Assert.Equal(StructuralChromeRules.All.Count, StructuralChromeRules.All.Select(r => r.Selector).Concat(SiteChromeRules.All.Select(r => r.Selector)).Distinct().Count() - SiteChromeRules.All.Count);
    }
}
