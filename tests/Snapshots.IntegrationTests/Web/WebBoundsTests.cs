using System.Xml;
using Snapshots.Web.Feeds;
using Snapshots.Web.Pages;

namespace Snapshots.IntegrationTests.Web;

/// <summary>The bounds the pages rely on: a diff cut into parts loses and reorders nothing, pages cover a list once, feed text is always XML.</summary>
public sealed class WebBoundsTests
{
    private static SectionDiffView Section(int index, params int[] runsPerParagraph) => new("Modified", "modified", $"Section {index}", null, "+1 / −1 words", ["training"],
        runsPerParagraph.Select((runs, p) => new ParagraphDiffView(Enumerable.Range(0, runs).Select(r => new SegmentView("same", $"s{index}p{p}r{r} ")).ToList())).ToList());

    [Fact]
    public void A_diff_cut_into_parts_keeps_every_run_in_order_and_no_part_exceeds_the_budget()
    {
        var sections = new List<SectionDiffView> { Section(0, 3, 4), Section(1, 25), Section(2), Section(3, 1, 1, 1, 1, 1, 1, 1, 1) };
        sections.AddRange(Enumerable.Range(4, 40).Select(i => Section(i, 2)));

        var parts = DiffParts.Cut(sections, maxRuns: 10);

        string Runs(IEnumerable<SectionDiffView> s) => string.Concat(s.SelectMany(x => x.Paragraphs).SelectMany(p => p.Segments).Select(g => g.Text));
        Assert.Equal(Runs(sections), Runs(parts.SelectMany(p => p)));
        Assert.All(parts, part => Assert.True(part.Sum(s => 1 + s.Topics.Count + s.Paragraphs.Sum(p => 1 + p.Segments.Count)) <= 10 + 2,
            $"a part costs {part.Sum(s => 1 + s.Topics.Count + s.Paragraphs.Sum(p => 1 + p.Segments.Count))}"));
        // The 25-run paragraph is split, and every piece after the first says its section goes on.
        var pieces = parts.SelectMany(p => p).Where(s => s.Title == "Section 1").ToList();
        Assert.True(pieces.Count > 1);
        Assert.False(pieces[0].Continued);
        Assert.All(pieces.Skip(1), s => Assert.True(s.Continued));
        Assert.Equal(sections.Select(s => s.Title), parts.SelectMany(p => p).Select(s => s.Title).Distinct());
    }

    [Fact]
    public void A_change_that_fits_is_one_part_and_an_empty_one_is_one_empty_part()
    {
        Assert.Single(DiffParts.Cut([Section(0, 3)]));
        Assert.Empty(Assert.Single(DiffParts.Cut([])));
    }

    [Theory]
    [InlineData(0, null, 1, 1)]
    [InlineData(1_100, null, 1, 6)]
    [InlineData(1_100, "6", 6, 6)]
    [InlineData(1_100, "99", 6, 6)]
    [InlineData(1_100, "-1", 1, 6)]
    [InlineData(1_100, "two", 1, 6)]
    public void A_page_number_is_read_within_the_list(int total, string? requested, int number, int count)
    {
        var paging = Paging.Of(total, 200, requested);
        Assert.Equal((number, count), (paging.Number, paging.Count));
        Assert.Equal(Math.Min(200, Math.Max(0, total - (number - 1) * 200)), paging.Of(Enumerable.Range(0, total)).Count());
    }

    [Theory]
    [InlineData("Evil\u0001\u0008\u000b\u001b AI")]
    [InlineData("lone \ud800 high and \udc00 low")]
    [InlineData("non-characters \ufffe\uffff")]
    [InlineData("a pair \ud83d\ude00 stays")]
    public void Feed_text_is_always_writable_as_XML(string hostile)
    {
        var safe = XmlSafeText.Of(hostile);
        using var writer = XmlWriter.Create(Stream.Null);
        writer.WriteElementString("title", safe);
        writer.Flush();
        Assert.DoesNotContain('\u001b', safe);
        if (hostile.Contains('\ud83d')) Assert.Contains("\ud83d\ude00", safe);
    }
}
