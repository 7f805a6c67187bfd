using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using Snapshots.Extraction;
using Snapshots.Tests.Extraction;

namespace Snapshots.Tests.Hostile;

/// <summary>Pages built to hold a worker in the HTML parser or the selector engine: each check fails clearly, within its budget.</summary>
[Trait("Category", "Hostile")]
public sealed class ExtractionBudgetProbes
{
    private static DocumentExtractor Extractor(TimeSpan budget) => new(Options.Create(new ExtractionOptions { Budget = budget }));

    private static (ExtractionException Error, TimeSpan Elapsed) Refused(string html, string css, TimeSpan budget)
    {
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<ExtractionException>(() => Extractor(budget).Extract(TestPages.Html(html), TestPages.Select(css)));
        return (error, watch.Elapsed);
    }

    private static string Repeat(string part, int times) => new StringBuilder(part.Length * times).Insert(0, part, times).ToString();

    [Theory]
    [InlineData("<div>", "</div>", 100_000)]
    [InlineData("<div>", "</div>", 300_000)]
    [InlineData("<span>x", "", 900_000)]
    [InlineData("<b>x", "", 900_000)]
    public void Deep_nesting_fails_at_the_depth_bound_in_well_under_the_budget(string open, string close, int levels)
    {
        var html = "<html><body>" + Repeat(open, levels) + "x" + Repeat(close, levels) + "</body></html>";

        var (error, elapsed) = Refused(html, "body", TimeSpan.FromSeconds(30));

        Assert.Contains("nests elements more than 1,024 deep", error.Message);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"took {elapsed}");
    }

    [Fact]
    public void A_page_of_a_million_elements_fails_at_the_element_bound()
    {
        var html = "<html><body>" + Repeat("<p>x</p>", 1_000_000) + "</body></html>";

        var (error, elapsed) = Refused(html, "p:has(span)", TimeSpan.FromSeconds(60));

        Assert.Contains("more than 200,000 elements", error.Message);
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"took {elapsed}");
    }

    [Fact]
    public void A_costly_has_selector_is_cut_at_the_time_budget()
    {
        // 500 nested divs each holding 149 leaves (75,000 elements, under every bound): a nested :has scans each subtree per descendant.
        var html = "<html><body>" + Repeat("<div>" + Repeat("<i>a</i>", 149), 500) + Repeat("</div>", 500) + "</body></html>";

        var (error, elapsed) = Refused(html, "div:has(div:has(b))", TimeSpan.FromSeconds(2));

        Assert.Contains("exceeded its time budget of 2 s", error.Message);
        // The ceiling only has to tell a cut from no cut (uncut, the nested :has scans each subtree once per descendant); it is
        // generous because the suite shares two cores with whatever else runs (this took 16 s once on a loaded machine).
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"took {elapsed}");
    }

    [Fact]
    public void An_ordinary_long_page_is_not_affected_by_the_bounds()
    {
        var html = "<html><body><main>" + Repeat("<section><h2>Clause</h2><p>We keep your data <b>30 days</b>.</p><ul><li>one<li>two</ul></section>", 5_000) + "</main></body></html>";

        var text = Extractor(TimeSpan.FromSeconds(60)).Extract(TestPages.Html(html), TestPages.Select("main"));

        Assert.StartsWith("## Clause\n\nWe keep your data **30 days**.\n\n- one\n- two\n", text);
    }

    [Fact]
    public void Sloppy_but_ordinary_markup_does_not_count_as_deep()
    {
        // 3,000 paragraphs and list items never closed, and 2,000 bold runs closed only by their paragraph's end.
        var html = "<html><body><main>" + Repeat("<p>Clause <b>bold</p><ul><li>a<li>b</ul>", 2_000) + Repeat("<p>more", 1_000) + "</main></body></html>";

        var text = Extractor(TimeSpan.FromSeconds(60)).Extract(TestPages.Html(html), TestPages.Select("main"));

        Assert.Contains("Clause **bold**", text);
    }

    [Theory]
    [InlineData("div")]
    [InlineData("span")]
    public void Nesting_to_the_depth_bound_is_kept_in_order_and_one_level_more_is_refused(string tag)
    {
        // Below html and body: 1,024 levels are allowed. The parser's own default would flatten past 512 levels, so text
        // after the innermost element could come out of order; at the bound the tree must still be the page's.
        static string Page(string tag, int levels) =>
            "<html><body>" + Repeat($"<{tag}>", levels - 1) + $"<{tag} id=deepest>inner</{tag}>" + Repeat($"after</{tag}>", levels - 1) + "</body></html>";

        var text = Extractor(TimeSpan.FromSeconds(30)).Extract(TestPages.Html(Page(tag, 1024)), TestPages.Select("#deepest"));
        var whole = Extractor(TimeSpan.FromSeconds(30)).Extract(TestPages.Html(Page(tag, 1024)), TestPages.Select("body"));
        var (error, _) = Refused(Page(tag, 1025), "body", TimeSpan.FromSeconds(30));

        Assert.Equal("inner", text.Trim());
        Assert.StartsWith("inner", whole);
        Assert.Equal(1023, CountOf(whole, "after"));
        Assert.Contains("nests elements more than 1,024 deep", error.Message);
    }

    private static int CountOf(string text, string word) => (text.Length - text.Replace(word, "", StringComparison.Ordinal).Length) / word.Length;

    [Fact]
    public void A_cancelled_check_stops_inside_the_parser()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var extractor = Extractor(TimeSpan.FromSeconds(30));
        var html = "<html><body>" + Repeat("<p>x</p>", 50_000) + "</body></html>";

        Assert.ThrowsAny<OperationCanceledException>(() => extractor.Extract(TestPages.Html(html), TestPages.Select("body"), extractor.NewBudget(cancel.Token)));
    }
}
