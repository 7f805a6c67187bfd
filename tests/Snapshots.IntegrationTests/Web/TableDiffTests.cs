using Snapshots.Changes;
using Snapshots.Web.Pages;

namespace Snapshots.IntegrationTests.Web;

/// <summary><see cref="TableDiff"/> on changed paragraphs as the change summarizer makes them: rows matched, cells aligned, bounds kept.</summary>
public sealed class TableDiffTests
{
    private static DiffHunk Hunk(string before, string after) =>
        Assert.Single(WordDiff.Compare(before, after));

    private static IReadOnlyList<(string Kind, string Cells)> Rows(TableDiffView table) =>
        table.Rows.Select(r => (r.Kind, string.Join(" | ", r.Cells.Select(c => string.Concat(c.Select(g => g.Kind == "same" ? g.Text : $"{g.Kind}({g.Text})")))))).ToList();

    [Fact]
    public void Unrelated_rows_stay_a_removal_and_an_addition_and_a_row_sharing_its_name_is_one_row_changed()
    {
        const string before = "| Name | Where |\n| --- | --- |\n| Acme | EU |\n| Stats Co | EU |\n| Mailer | US |";
        const string after = "| Name | Where |\n| --- | --- |\n| Acme | EU |\n| Vector DB | US |\n| Mailer | EU |";

        var table = TableDiff.Of(Hunk(before, after));

        Assert.NotNull(table);
        Assert.Equal(
            [("same", "Name | Where"), ("same", "Acme | EU"), ("del", "del(Stats Co) | del(EU)"), ("mod", "Mailer | del(US)ins(EU)"), ("ins", "ins(Vector DB) | ins(US)")],
            Rows(table));
    }

    [Fact]
    public void An_escaped_pipe_stays_in_its_cell_and_a_short_row_is_padded_to_the_widest()
    {
        var table = TableDiff.Of(Hunk("| a \\| b | c |\n| d |", "| a \\| b | c |\n| d | e |"));

        Assert.NotNull(table);
        Assert.Equal([("same", "a | b | c"), ("mod", "d | ins(e)")], Rows(table));
    }

    [Fact]
    public void A_paragraph_that_is_not_a_table_or_a_table_past_the_bounds_is_left_to_the_word_diff()
    {
        Assert.Null(TableDiff.Of(Hunk("We keep prompts for 30 days.", "We keep prompts for 90 days.")));
        Assert.Null(TableDiff.Of(Hunk("| a | b |\nnot a row", "| a | c |\nnot a row")));
        var wide = "| " + string.Join(" | ", Enumerable.Range(0, TableDiff.MaxCells + 1)) + " |";
        Assert.Null(TableDiff.Of(Hunk(wide, wide.Replace("| 3 |", "| x |", StringComparison.Ordinal))));
        var tall = string.Join('\n', Enumerable.Range(0, TableDiff.MaxRows + 1).Select(i => $"| {i} |"));
        Assert.Null(TableDiff.Of(Hunk(tall, tall.Replace("| 7 |", "| x |", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("exmaple-ai", "example-ai")]
    [InlineData("privacy-polcy", "privacy-policy")]
    [InlineData("PRIVACY-POLICY", "privacy-policy")]
    [InlineData("terms", null)]
    [InlineData("zzz", null)]
    public void The_closest_id_is_suggested_only_when_it_is_a_few_edits_away(string wanted, string? expected) =>
        Assert.Equal(expected, CloseIds.Nearest(wanted, ["example-ai", "privacy-policy", "terms-of-service"]));

    [Theory]
    [InlineData("# Terms\n\n- one\n- two\n\n| a | b |\n| --- | --- |\n| 1 | 2 |", null)]
    [InlineData("> > > > > > > > > > > > > > > > > deep", "nested deeper")]
    [InlineData("- - - - - - - - - - - - - - - - - deep", "nested deeper")]
    public void A_text_within_the_bounds_is_rendered_and_one_past_them_says_why_not(string markdown, string? refusal)
    {
        var rendering = RenderedText.Render(markdown);
        if (refusal is null)
        {
            Assert.Null(rendering.PlainBecause);
            Assert.Contains("<h3>Terms</h3>", rendering.Html!.Html);
            Assert.Contains("<li>two</li>", rendering.Html.Html);
            Assert.Contains("<td>2</td>", rendering.Html.Html);
        }
        else
        {
            Assert.Null(rendering.Html);
            Assert.Contains(refusal, rendering.PlainBecause);
        }
    }
}
