namespace Snapshots.Tests.Extraction;

public class MarkdownRendererTests
{
    [Fact]
    public void Headings_become_hashes_and_paragraphs_are_separated_by_one_blank_line()
    {
        var text = TestPages.Body("<h1>Terms</h1><p>One</p>\n\n\n<p>Two</p><h3>Sub</h3><h6>Small</h6>");

        Assert.Equal("# Terms\n\nOne\n\nTwo\n\n### Sub\n\n###### Small\n", text);
    }

    [Fact]
    public void Inline_markup_is_dropped_and_its_text_kept_except_bold()
    {
        var text = TestPages.Body("<p>We <strong>never</strong> <em>sell</em> <span class=x>your</span> <code>data</code>.</p>");

        Assert.Equal("We **never** sell your data.\n", text);
    }

    [Fact]
    public void Bold_is_marked_once_and_not_inside_headings_or_links()
    {
        var text = TestPages.Body("<h2><b>Scope</b></h2><p><b>All <strong>of</strong> it</b> and <a href='/x'><b>this</b></a><b> </b>.</p>");

        Assert.Equal("## Scope\n\n**All of it** and [this](https://example.com/x).\n", text);
    }

    [Fact]
    public void Whitespace_nbsp_and_zero_width_characters_are_folded()
    {
        var text = TestPages.Body("<p>  A&nbsp;&nbsp;B\n\t C\u200B D&#8203;E\u00AD </p>");

        Assert.Equal("A B C DE\n", text);
    }

    [Fact]
    public void Br_is_a_line_break_inside_the_paragraph()
    {
        var text = TestPages.Body("<p>Acme Inc.<br>  1 Main St.<br/>Springfield</p>");

        Assert.Equal("Acme Inc.\n1 Main St.\nSpringfield\n", text);
    }

    [Fact]
    public void Nested_lists_are_indented_two_spaces_per_level()
    {
        var text = TestPages.Body("<ul><li>Fruit<ul><li>Apple</li><li>Pear<ol><li>Green</li><li>Red</li></ol></li></ul></li><li>Nuts</li></ul>");

        Assert.Equal("- Fruit\n  - Apple\n  - Pear\n    1. Green\n    2. Red\n- Nuts\n", text);
    }

    [Fact]
    public void Ordered_list_numbering_honours_start()
    {
        Assert.Equal("3. Three\n4. Four\n", TestPages.Body("<ol start=\"3\"><li>Three</li><li>Four</li></ol>"));
    }

    [Fact]
    public void Table_with_th_gets_a_header_row_and_pipes_are_escaped()
    {
        var text = TestPages.Body("<table><thead><tr><th>Data</th><th>Kept for</th></tr></thead><tbody><tr><td>Logs</td><td>30 <b>days</b></td></tr><tr><td>a|b</td></tr></tbody></table>");

        Assert.Equal("| Data | Kept for |\n| --- | --- |\n| Logs | 30 **days** |\n| a\\|b |  |\n", text);
    }

    [Fact]
    public void Table_without_th_has_no_header_separator()
    {
        Assert.Equal("| a | b |\n| c | d |\n", TestPages.Body("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>"));
    }

    [Fact]
    public void Blockquote_lines_are_prefixed()
    {
        Assert.Equal("> Quoted\n>\n> Again\n", TestPages.Body("<blockquote><p>Quoted</p><p>Again</p></blockquote>"));
    }

    [Fact]
    public void Pre_keeps_its_lines_and_spacing()
    {
        Assert.Equal("line  one\n  line two\n", TestPages.Body("<pre>\nline  one   \n  line two\n</pre>"));
    }

    [Fact]
    public void Images_are_rendered_by_alt_text_only()
    {
        var text = TestPages.Body("<p>Logo: <img src=\"https://cdn-a.example/x.png\" alt=\"Acme  logo\"> and <img src=\"https://cdn-b.example/y.png\" alt=\"\"><img src=z.png>.</p>");

        Assert.Equal("Logo: Acme logo and .\n", text);
        Assert.DoesNotContain("cdn", text);
    }

    [Fact]
    public void Image_source_host_change_does_not_change_the_text()
    {
        var before = TestPages.Body("<p><img src=\"https://assets-global.website-files.com/1/a.png\" alt=\"Chart\">Text</p>");
        var after = TestPages.Body("<p><img src=\"https://cdn.prod.website-files.com/1/a.png\" alt=\"Chart\">Text</p>");

        Assert.Equal(before, after);
    }

    [Fact]
    public void Links_are_absolute_and_normalized()
    {
        var text = TestPages.Body("<p>See <a href=\"../privacy?utm_source=mail&amp;lang=en\">our  policy</a>, <a href=\"mailto:legal@example.com\">mail</a>.</p>");

        Assert.Equal("See [our policy](https://example.com/privacy?lang=en), [mail](mailto:legal@example.com).\n", text);
    }

    [Fact]
    public void Base_href_is_used_to_resolve_relative_links()
    {
        var page = TestPages.Html("<html><head><base href=\"https://docs.example.org/v2/\"></head><body><p><a href=\"faq\">FAQ</a></p></body></html>");

        var text = new Snapshots.Extraction.DocumentExtractor().Extract(page, TestPages.Select("body"));

        Assert.Equal("[FAQ](https://docs.example.org/v2/faq)\n", text);
    }

    [Fact]
    public void Heading_anchor_links_are_dropped_and_heading_text_kept()
    {
        var text = TestPages.Body(
            "<h2 id=\"s1\"><a href=\"#s1\">1. Scope</a><a class=\"anchor\" href=\"#s1\" aria-label=\"link\"><svg><path/></svg></a></h2>" +
            "<h2 id=\"s2\">2. Fees <a href=\"#s2\">¶</a></h2>" +
            "<p>Text <a href=\"#s2\">§</a> <a href=\"https://example.com/legal/terms#s1\">🔗</a></p>");

        Assert.Equal("## 1. Scope\n\n## 2. Fees\n\nText\n", text);
    }

    [Fact]
    public void Same_page_links_keep_their_text_without_a_url()
    {
        Assert.Equal("Go to Fees.\n", TestPages.Body("<p>Go to <a href=\"#h_01JD8G54\">Fees</a>.</p>"));
    }

    [Fact]
    public void Links_to_other_pages_keep_a_meaningful_fragment()
    {
        var text = TestPages.Body("<p><a href=\"https://example.com/privacy#section-3\">Section 3</a></p>");

        Assert.Equal("[Section 3](https://example.com/privacy#section-3)\n", text);
    }

    [Fact]
    public void Hidden_elements_and_decorative_aria_hidden_elements_are_dropped()
    {
        var text = TestPages.Body("<p>Shown<span hidden>Secret</span><span aria-hidden=\"true\">★</span></p><div hidden=\"until-found\"><p>Findable</p></div>");

        Assert.Equal("Shown\n\nFindable\n", text);
    }

    [Fact]
    public void Aria_hidden_panels_with_paragraphs_are_kept_as_document_text()
    {
        var text = TestPages.Body("<h2>FAQ</h2><div class=\"panel\" aria-hidden=\"true\"><p>Collapsed answer.</p></div>");

        Assert.Equal("## FAQ\n\nCollapsed answer.\n", text);
    }

    [Fact]
    public void A_selected_element_is_kept_even_when_it_is_aria_hidden()
    {
        var page = TestPages.Html("<body><article aria-hidden=\"true\">Terms under a modal</article></body>");

        var text = new Snapshots.Extraction.DocumentExtractor().Extract(page, TestPages.Select("article"));

        Assert.Equal("Terms under a modal\n", text);
    }

    [Fact]
    public void Hidden_list_items_and_table_rows_are_skipped()
    {
        var text = TestPages.Body("<ol><li hidden>Old</li><li>One</li><li>Two</li></ol><table><tr hidden><th>X</th></tr><tr><td>a</td></tr></table>");

        Assert.Equal("1. One\n2. Two\n\n| a |\n", text);
    }

    [Fact]
    public void Relative_links_resolve_against_the_final_url_after_redirects()
    {
        var redirected = new Uri("https://www.example.com/en/terms/");
        var page = TestPages.Html("<p><a href=\"cookies\">Cookies</a></p>") with { FinalUrl = redirected };

        var text = new Snapshots.Extraction.DocumentExtractor().Extract(page, TestPages.Select("p"));

        Assert.Equal("[Cookies](https://www.example.com/en/terms/cookies)\n", text);
    }
}
