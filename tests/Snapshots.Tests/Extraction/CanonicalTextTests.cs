namespace Snapshots.Tests.Extraction;

public class CanonicalTextTests
{
    private const string Original = """
        <div class="a" id="b"><h2>Privacy</h2>
        <p>We keep data for <strong>30&nbsp;days</strong> &mdash; see <a href="/faq?utm_campaign=x" title="FAQ">the FAQ</a>.</p>
        <ul><li>Logs</li><li>Backups</li></ul></div>
        """;

    private const string Reformatted = """
        <div id="b" class="a" data-v-3f2a="">
          <h2 class="title">
            Privacy
          </h2>
          <p>We   keep data for <b>30&#160;days</b> — see
             <a title="FAQ" href="https://example.com/faq?fbclid=abc123">the
             FAQ</a>.
          </p>
          <ul>
            <li>Logs</li>
            <li><span>Backups</span></li>
          </ul>
        </div>
        """;

    [Fact]
    public void Same_input_twice_gives_byte_identical_text()
    {
        Assert.Equal(TestPages.Body(Original), TestPages.Body(Original));
    }

    [Fact]
    public void Markup_attribute_order_whitespace_entities_and_tracking_churn_give_the_same_text()
    {
        var original = TestPages.Body(Original);

        Assert.Equal(original, TestPages.Body(Reformatted));
        Assert.Equal("## Privacy\n\nWe keep data for **30 days** — see [the FAQ](https://example.com/faq).\n\n- Logs\n- Backups\n", original);
    }

    [Fact]
    public void A_real_wording_change_still_changes_the_text()
    {
        Assert.NotEqual(TestPages.Body(Original), TestPages.Body(Original.Replace("30&nbsp;days", "90&nbsp;days")));
    }

    [Fact]
    public void Output_has_no_trailing_spaces_and_one_final_newline()
    {
        var text = TestPages.Body("<p>a   </p>\n\n<p>b  <br>  c  </p>   \n");

        Assert.Equal("a\n\nb\nc\n", text);
    }

    [Fact]
    public void Extraction_is_safe_from_several_threads()
    {
        var extractor = new Snapshots.Extraction.DocumentExtractor();
        var expected = TestPages.Body(Original);
        var page = TestPages.Html("<body>" + Original + "</body>");

        var results = Enumerable.Range(0, 32).AsParallel().Select(_ => extractor.Extract(page, TestPages.Select("body"))).ToList();

        Assert.All(results, text => Assert.Equal(expected, text));
    }
}
