using Snapshots.Changes;

namespace Snapshots.Tests.Changes;

public class WordDiffTests
{
    [Fact]
    public void Changed_words_in_a_run_become_one_deletion_then_one_insertion()
    {
        var segments = WordDiff.CompareWords("We keep logs for thirty calendar days.", "We keep logs for ninety business days.");

        Assert.Equal(
            [new(SegmentKind.Unchanged, "We keep logs for "), new(SegmentKind.Deleted, "thirty calendar"),
             new(SegmentKind.Inserted, "ninety business"), new InlineSegment(SegmentKind.Unchanged, " days.")],
            segments);
    }

    [Theory]
    [InlineData("Alpha beta gamma.", "Alpha gamma delta epsilon.")]
    [InlineData("", "Entirely new text here.")]
    [InlineData("One two three four five six.", "Six five four three two one!")]
    [InlineData("- item one\n- item two", "- item one\n- item 2\n- item three")]
    public void Segments_rebuild_both_texts(string previous, string current)
    {
        var segments = WordDiff.CompareWords(previous, current);

        Assert.Equal(previous, string.Concat(segments.Where(s => s.Kind != SegmentKind.Inserted).Select(s => s.Text)));
        Assert.Equal(current, string.Concat(segments.Where(s => s.Kind != SegmentKind.Deleted).Select(s => s.Text)));
        Assert.All(segments.Zip(segments.Skip(1)), pair => Assert.NotEqual(pair.First.Kind, pair.Second.Kind));
    }

    [Fact]
    public void Markup_in_text_comes_through_raw_not_encoded()
    {
        var segments = WordDiff.CompareWords("Contact us.", "Contact us <script>alert('x')</script> & more.");

        var inserted = string.Concat(segments.Where(s => s.Kind == SegmentKind.Inserted).Select(s => s.Text));
        Assert.Contains("<script>alert('x')</script> & more", inserted);
        Assert.DoesNotContain("&lt;", inserted);
        Assert.DoesNotContain("&amp;", inserted);
    }

    [Fact]
    public void Section_hunks_list_only_changed_paragraphs_with_their_indexes()
    {
        var previous = "First paragraph stays.\n\nSecond paragraph says thirty days.\n\nThird goes away entirely now.";
        var current = "First paragraph stays.\n\nSecond paragraph says ninety days.\n\nA brand new closing remark appears.";

        var hunks = WordDiff.Compare(previous, current);

        Assert.Equal(
            [(DiffHunkKind.Modified, 1, 1), (DiffHunkKind.Deleted, 2, -1), (DiffHunkKind.Inserted, -1, 2)],
            hunks.Select(h => (h.Kind, h.PreviousParagraph, h.CurrentParagraph)));
        Assert.Equal("Second paragraph says thirty days.", hunks[0].PreviousText);
        Assert.Equal("Second paragraph says ninety days.", hunks[0].CurrentText);
        Assert.Equal((1, 1), (hunks[0].WordsAdded, hunks[0].WordsRemoved));
        Assert.Equal((0, 5), (hunks[1].WordsAdded, hunks[1].WordsRemoved));
        Assert.Equal((6, 0), (hunks[2].WordsAdded, hunks[2].WordsRemoved));
    }

    [Fact]
    public void A_changed_list_item_is_its_own_hunk()
    {
        var hunks = WordDiff.Compare("- name\n- email address\n- phone", "- name\n- postal address\n- phone");

        var hunk = Assert.Single(hunks);
        Assert.Equal(("- email address", "- postal address"), (hunk.PreviousText, hunk.CurrentText));
        Assert.Equal(DiffHunkKind.Modified, hunk.Kind);
    }

    [Fact]
    public void Punctuation_alone_changes_no_words_but_makes_a_hunk()
    {
        var hunk = Assert.Single(WordDiff.Compare("We may share data.", "We may share data;"));

        Assert.Equal((0, 0, 2), (hunk.WordsAdded, hunk.WordsRemoved, hunk.ChangedCharacters));
    }
}
