using Snapshots.Catalog;
using Snapshots.Extraction;

namespace Snapshots.Tests.Extraction;

public class SelectAndRemoveTests
{
    private readonly DocumentExtractor _extractor = new();

    private const string Page = """
        <html><body>
          <nav>Menu</nav>
          <div class="intro"><p>Intro</p></div>
          <main>
            <section class="terms"><h2>Terms</h2><p>Be nice. <span class="ad">Buy now!</span></p></section>
            <div class="cookie">Cookies?</div>
          </main>
          <footer class="outro"><p>Outro</p></footer>
        </body></html>
        """;

    [Fact]
    public void Union_of_selectors_follows_document_order_not_declaration_order()
    {
        var text = _extractor.Extract(TestPages.Html(Page), TestPages.Select(".outro", ".intro"));

        Assert.Equal("Intro\n\nOutro\n", text);
    }

    [Fact]
    public void Element_inside_another_selected_element_is_not_repeated()
    {
        var text = _extractor.Extract(TestPages.Html(Page), TestPages.Select(".terms h2", "main", ".terms"));

        Assert.Equal("## Terms\n\nBe nice. Buy now!\n\nCookies?\n", text);
    }

    [Fact]
    public void Remove_deletes_matching_elements_from_the_selection()
    {
        var source = TestPages.Source([new CssSelector("main")], [new CssSelector(".ad"), new CssSelector(".cookie")]);

        var text = _extractor.Extract(TestPages.Html(Page), source);

        Assert.Equal("## Terms\n\nBe nice.\n", text);
    }

    [Fact]
    public void Remove_applies_before_select_so_a_removed_selection_matches_nothing()
    {
        var source = TestPages.Source([new CssSelector(".terms")], [new CssSelector("main")]);

        var error = Assert.Throws<ExtractionException>(() => _extractor.Extract(TestPages.Html(Page), source));

        Assert.Equal("select \".terms\" matched nothing", error.Reason);
    }

    [Fact]
    public void Select_matching_nothing_names_the_selector_and_the_page()
    {
        var error = Assert.Throws<ExtractionException>(() => _extractor.Extract(TestPages.Html(Page), TestPages.Select("main", "main .missing")));

        Assert.Equal("select \"main .missing\" matched nothing", error.Reason);
        Assert.Equal(TestPages.Url, error.Url);
    }

    [Fact]
    public void Invalid_css_is_reported_as_an_extraction_error()
    {
        var error = Assert.Throws<ExtractionException>(() => _extractor.Extract(TestPages.Html(Page), TestPages.Select("main[")));

        Assert.Contains("not a valid CSS selector", error.Reason);
    }

    [Fact]
    public void Selection_with_no_text_is_an_extraction_error()
    {
        var error = Assert.Throws<ExtractionException>(() =>
            _extractor.Extract(TestPages.Html("<body><div id=x><script>var a;</script> &nbsp; </div></body>"), TestPages.Select("#x")));

        Assert.Equal("the extracted text is empty", error.Reason);
    }

    [Fact]
    public void Script_style_and_form_controls_are_never_text()
    {
        var text = TestPages.Body("<p>Keep<script>alert(1)</script><style>p{}</style><button>Accept</button><input value=v><select><option>o</option></select><noscript>Enable JS</noscript></p><svg><text>chart</text></svg>");

        Assert.Equal("Keep\n", text);
    }
}
