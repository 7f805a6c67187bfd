namespace Snapshots.Tests.Extraction;

/// <summary>
/// The built-in noise rules: what must never become a version (in) and what must always be one (out).
/// Each case extracts two variants of a page and compares the canonical texts.
/// </summary>
public class NoiseRulesTests
{
    private static void Same(string before, string after) => Assert.Equal(TestPages.Body(before), TestPages.Body(after));

    private static void Different(string before, string after) => Assert.NotEqual(TestPages.Body(before), TestPages.Body(after));

    [Theory]
    [InlineData("/assets/site.css?v=123", "/assets/site.css?v=124")]
    [InlineData("/wp-content/themes/x/style.css?ver=6.4.2", "/wp-content/themes/x/style.css?ver=6.5")]
    [InlineData("/img/logo.png?_=1712000000", "/img/logo.png?_=1712000999")]
    [InlineData("/_next/static/Xk2p9QaB7cD4eF1gH3jK/_buildManifest.js", "/_next/static/Zq8w7E6r5T4y3U2i1O0p/_buildManifest.js")]
    [InlineData("/static/js/main.3f2a9c1b.js", "/static/js/main.9a8b7c6d.js")]
    [InlineData("/fonts/inter.woff2?hash=ab12cd34", "/fonts/inter.woff2?hash=ef56ab78")]
    public void Cache_busters_and_build_hashes_in_asset_links_are_not_changes(string before, string after) =>
        Same($"<p>See <a href='{before}'>the stylesheet</a>.</p>", $"<p>See <a href='{after}'>the stylesheet</a>.</p>");

    [Theory]
    [InlineData("/legal/terms-2024", "/legal/terms-2025")]
    [InlineData("/legal/privacy?version=2", "/legal/privacy?version=3")]
    [InlineData("/docs/dpa.pdf?v=1", "/docs/dpa.pdf?v=2")]
    [InlineData("/docs/3f2a9c1b/policy", "/docs/9a8b7c6d/policy")]
    [InlineData("https://example.org/optout", "https://example.net/optout")]
    public void A_changed_document_link_target_is_always_a_change(string before, string after) =>
        Different($"<p>See <a href='{before}'>the policy</a>.</p>", $"<p>See <a href='{after}'>the policy</a>.</p>");

    [Fact]
    public void Tracking_tokens_and_share_fragments_in_links_are_not_changes() =>
        Same("<p><a href='https://x.test/faq?utm_source=mail&gclid=1#:~:text=keep'>FAQ</a></p>",
             "<p><a href='https://x.test/faq?utm_source=web&fbclid=2'>FAQ</a></p>");

    [Fact]
    public void Whitespace_entities_and_attribute_order_are_not_changes() =>
        Same("<p class='a' id='b'>We keep data for 30&nbsp;days &mdash; <a href='/faq' title='t'>FAQ</a>.</p>",
             "<p id='b'  class='a'>\n  We   keep data for 30&#160;days —\n  <a title='t' href='/faq'>FAQ</a>.\n</p>");

    [Fact]
    public void Images_are_text_by_alt_whatever_their_source() =>
        Same("<p>Logo <img src='https://assets-global.website-files.com/61f1/61f5_logo.svg' alt='Acme'></p>",
             "<p>Logo <img alt='Acme' src='https://cdn.prod.website-files.com/662f/662f_logo.svg'></p>");

    [Theory]
    [InlineData("We keep logs for 30 days.", "We keep logs for 90 days.")]
    [InlineData("We keep logs for 30 days.", "We keep chats for 30 days.")]
    [InlineData("Effective 1 March 2025.", "Effective 1 April 2025.")]
    [InlineData("Effective 2025-03-01.", "Effective 2025-03-02.")]
    [InlineData("We never sell data.", "We never sell data")]
    [InlineData("See \"our policy\".", "See our policy.")]
    public void A_changed_word_number_date_or_punctuation_is_always_a_change(string before, string after) =>
        Different($"<p>{before}</p>", $"<p>{after}</p>");

    [Fact]
    public void A_changed_list_item_is_always_a_change() =>
        Different("<ul><li>Name</li><li>Email</li></ul>", "<ul><li>Name</li><li>Phone</li></ul>");

    [Fact]
    public void An_added_list_item_is_always_a_change() =>
        Different("<ul><li>Name</li><li>Email</li></ul>", "<ul><li>Name</li><li>Email</li><li>Location</li></ul>");

    [Fact]
    public void Newly_bold_text_is_a_change() =>
        Different("<p>You waive class actions.</p>", "<p>You <b>waive class actions</b>.</p>");
}
