using Snapshots.Web.Pages;

namespace Snapshots.IntegrationTests.Web;

/// <summary>How matched words become marked runs of plain text (no storage, no server).</summary>
public sealed class HighlightedTextTests
{
    [Fact]
    public void Marks_split_the_text_into_runs_and_overlapping_marks_become_one()
    {
        const string text = "Opt-outs do not apply to Labs Models, which may be trained.";
        var runs = HighlightedText.Of(text, [new TextMark(0, 24, "exception", "Carve-out: exception"), new TextMark(16, 20, "match", "Beta: match"),
            new TextMark(51, 7, "match", "Training: match")]);

        Assert.Equal(text, string.Concat(runs.Select(r => r.Text)));
        Assert.Equal(["Opt-outs do not apply to Labs Models", ", which may be ", "trained", "."], runs.Select(r => r.Text));
        Assert.Equal(["exception", null, "match", null], runs.Select(r => r.Role));
        Assert.Equal("Carve-out: exception; Beta: match", runs[0].Label);
    }

    [Fact]
    public void A_mark_outside_the_text_is_ignored_and_no_mark_leaves_one_plain_run()
    {
        Assert.Equal([new TextRun("short", null, null)], HighlightedText.Of("short", [new TextMark(10, 4, "match", "x")]));
        Assert.Equal([new TextRun("short", null, null)], HighlightedText.Of("short", []));
    }

    [Fact]
    public void An_excerpt_of_a_long_text_is_cut_between_words_around_its_first_mark()
    {
        var words = string.Join(' ', Enumerable.Range(1, 200).Select(i => $"word{i}"));
        var at = words.IndexOf("word150", StringComparison.Ordinal);
        var runs = HighlightedText.Excerpt(words, [new TextMark(at, 7, "match", "Type: match")], 100);

        Assert.Equal("\u2026", runs[0].Text);
        Assert.Equal("\u2026", runs[^1].Text);
        var marked = Assert.Single(runs, r => r.Role is not null);
        Assert.Equal("word150", marked.Text);
        var inner = string.Concat(runs.Skip(1).SkipLast(1).Select(r => r.Text));
        Assert.True(inner.Length <= 100, inner);
        Assert.Contains(inner, words);
        Assert.StartsWith("word", inner);
        Assert.Matches(@"word\d+$", inner);
        Assert.True(words.IndexOf(inner, StringComparison.Ordinal) < at);
    }
}
