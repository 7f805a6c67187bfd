using Snapshots.Changes;

namespace Snapshots.Tests.Changes;

public class DiffExcerptTests
{
    private static readonly string LongParagraph =
        string.Join(' ', Enumerable.Range(1, 40).Select(i => $"w{i}"));

    private static DocumentDiff Diff(string? previous, string current) => new ChangeSummarizer().Compare(previous, current);

    [Fact]
    public void Keeps_only_the_given_number_of_context_words_around_a_change()
    {
        var diff = Diff($"# Terms\n\n{LongParagraph}", $"# Terms\n\n{LongParagraph.Replace("w20", "CHANGED")}");

        var excerpt = DiffExcerpt.Build(diff, contextWords: 3);

        var hunk = Assert.Single(excerpt.Hunks);
        Assert.Equal("Terms", hunk.SectionTitle);
        Assert.Equal("[… w17 w18 w19 ][-w20-][+CHANGED+][ w21 w22 w23 …]",
            string.Concat(hunk.Segments.Select(s => s.Kind switch
            {
                SegmentKind.Deleted => $"[-{s.Text}-]",
                SegmentKind.Inserted => $"[+{s.Text}+]",
                _ => $"[{s.Text}]",
            })));
        Assert.False(excerpt.IsTruncated);
        Assert.Equal("10 changed characters", excerpt.SizeNote);
    }

    [Fact]
    public void Context_between_two_close_changes_is_kept_whole()
    {
        var diff = Diff("# T\n\nWe keep data for 30 days and logs for 60 days.", "# T\n\nWe keep data for 90 days and logs for 90 days.");

        var hunk = Assert.Single(DiffExcerpt.Build(diff, contextWords: 3).Hunks);

        Assert.Contains(hunk.Segments, s => s.Kind == SegmentKind.Unchanged && s.Text == " days and logs for ");
        Assert.Equal("… keep data for ", hunk.Segments[0].Text);
    }

    [Fact]
    public void Caps_the_length_and_states_the_full_size()
    {
        var paragraphs = Enumerable.Range(1, 60).Select(i => $"New clause {i} says that the provider may change anything at any time.");
        var diff = Diff("# Terms\n\nOld.", "# Terms\n\nOld.\n\n" + string.Join("\n\n", paragraphs));
        var total = diff.Sections.SelectMany(s => s.Hunks).Sum(h => h.ChangedCharacters);

        var excerpt = DiffExcerpt.Build(diff, contextWords: 5, maxCharacters: 1200);

        var shownText = excerpt.Hunks.SelectMany(h => h.Segments).Sum(s => s.Text.Length);
        Assert.InRange(shownText, 1100, 1200);
        Assert.True(excerpt.IsTruncated);
        Assert.Equal(total, excerpt.TotalChangedCharacters);
        Assert.InRange(excerpt.ShownChangedCharacters, 1100, 1200);
        Assert.Equal($"showing {excerpt.ShownChangedCharacters:N0} of {total:N0} changed characters", excerpt.SizeNote);
        Assert.EndsWith(DiffExcerpt.Ellipsis, excerpt.Hunks[^1].Segments[^1].Text);
    }

    [Fact]
    public void A_single_paragraph_longer_than_the_cap_is_cut_at_a_word()
    {
        var diff = Diff(null, "# Terms\n\n" + LongParagraph);

        var excerpt = DiffExcerpt.Build(diff, maxCharacters: 30);

        var segment = Assert.Single(Assert.Single(excerpt.Hunks).Segments);
        Assert.Equal("w1 w2 w3 w4 w5 w6 w7 w8 w9…", segment.Text);
        Assert.Equal((26, LongParagraph.Length), (excerpt.ShownChangedCharacters, excerpt.TotalChangedCharacters));
    }

    [Fact]
    public void Raw_markup_is_kept_as_text()
    {
        var diff = Diff("# T\n\nHello.", "# T\n\nHello <script>alert(1)</script>.");

        var excerpt = DiffExcerpt.Build(diff);

        Assert.Contains(excerpt.Hunks.SelectMany(h => h.Segments), s => s.Kind == SegmentKind.Inserted && s.Text.Contains("<script>alert(1)</script>"));
    }
}
