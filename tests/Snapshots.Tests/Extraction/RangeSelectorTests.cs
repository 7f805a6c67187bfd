using Snapshots.Catalog;
using Snapshots.Extraction;

namespace Snapshots.Tests.Extraction;

public class RangeSelectorTests
{
    private readonly DocumentExtractor _extractor = new();

    private const string Page = """
        <html><body><div class="doc">
          <p>Preamble</p>
          <h2 id="start">Start</h2>
          <p>First</p>
          <div class="wrap"><p>Second</p><h2 id="end">End</h2><p>After</p></div>
        </div></body></html>
        """;

    private string Select(RangeSelector range) => _extractor.Extract(TestPages.Html(Page), TestPages.Source([range]));

    [Fact]
    public void Start_before_includes_the_start_element_and_end_before_excludes_the_end_element()
    {
        Assert.Equal("## Start\n\nFirst\n\nSecond\n", Select(new RangeSelector("#start", null, "#end", null)));
    }

    [Fact]
    public void Start_after_excludes_the_start_element_and_end_after_includes_the_end_element()
    {
        Assert.Equal("First\n\nSecond\n\n## End\n", Select(new RangeSelector(null, "#start", null, "#end")));
    }

    [Fact]
    public void Range_as_remove_deletes_only_the_content_between_its_boundaries()
    {
        var source = TestPages.Source([new CssSelector(".doc")], [new RangeSelector(null, "#start", "#end", null)]);

        var text = _extractor.Extract(TestPages.Html(Page), source);

        Assert.Equal("Preamble\n\n## Start\n\n## End\n\nAfter\n", text);
    }

    [Fact]
    public void Range_and_css_selection_combine_in_document_order()
    {
        var source = TestPages.Source([new RangeSelector(null, "#start", "#end", null), new CssSelector(".doc > p:first-child")]);

        var text = _extractor.Extract(TestPages.Html(Page), source);

        Assert.Equal("Preamble\n\nFirst\n\nSecond\n", text);
    }

    [Fact]
    public void Missing_start_is_an_extraction_error_naming_it()
    {
        var error = Assert.Throws<ExtractionException>(() => Select(new RangeSelector("#nope", null, "#end", null)));

        Assert.Contains("start \"#nope\" matched nothing", error.Reason);
    }

    [Fact]
    public void Missing_end_is_an_extraction_error_naming_it()
    {
        var error = Assert.Throws<ExtractionException>(() => Select(new RangeSelector("#start", null, null, ".gone")));

        Assert.Contains("end \".gone\" matched nothing", error.Reason);
    }

    [Fact]
    public void End_before_start_is_an_extraction_error()
    {
        var error = Assert.Throws<ExtractionException>(() => Select(new RangeSelector("#end", null, "#start", null)));

        Assert.Contains("is empty", error.Reason);
    }
}
