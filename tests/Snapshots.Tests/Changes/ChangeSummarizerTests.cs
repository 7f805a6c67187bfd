using Snapshots.Changes;

namespace Snapshots.Tests.Changes;

public class ChangeSummarizerTests
{
    private readonly ChangeSummarizer summarizer = new();

    [Fact]
    public void First_version_reports_every_section_as_added()
    {
        var summary = summarizer.Summarize(null, Documents.Policy);

        Assert.True(summary.IsFirst);
        Assert.Equal(4, summary.SectionsAdded);
        Assert.All(summary.Sections, s => Assert.Equal(SectionChangeKind.Added, s.Kind));
        Assert.Equal(0, summary.WordsRemoved);
        // 2+3+2+2 heading words, 8+11+12+9 body words.
        Assert.Equal(49, summary.WordsAdded);
        Assert.Equal(4, summary.ParagraphsChanged);
        Assert.StartsWith("First version: 4 sections, 49 words", summary.Describe());
    }

    [Fact]
    public void Identical_versions_have_no_changes()
    {
        var summary = summarizer.Summarize(Documents.Policy, Documents.Policy);

        Assert.False(summary.HasChanges);
        Assert.Empty(summary.Sections);
        Assert.Equal("No changes", summary.Describe());
    }

    [Fact]
    public void One_changed_word_is_one_modified_section_with_one_word_added_and_removed()
    {
        var current = Documents.Replace(Documents.Policy, "30 days", "90 days");

        var summary = summarizer.Summarize(Documents.Policy, current);

        var section = Assert.Single(summary.Sections);
        Assert.Equal(SectionChangeKind.Modified, section.Kind);
        Assert.Equal("Data retention", section.Title);
        Assert.Equal("Privacy Policy > Data retention", section.Path);
        Assert.Equal((1, 1), (section.WordsAdded, section.WordsRemoved));
        Assert.Equal((1, 1, 1), (summary.WordsAdded, summary.WordsRemoved, summary.ParagraphsChanged));
        Assert.Equal((0, 0, 0), (summary.SectionsAdded, summary.SectionsRemoved, summary.SectionsMoved));
        Assert.Equal(["data-retention"], section.Topics);
        Assert.Equal("1 section modified (Data retention); +1/\u22121 words", summary.Describe());
    }

    [Fact]
    public void A_new_section_is_added_where_it_appears()
    {
        var current = Documents.Replace(Documents.Policy, "## Governing law",
            "## AI training\n\nWe may use your content to train our models.\n\n## Governing law");

        var summary = summarizer.Summarize(Documents.Policy, current);

        var added = Assert.Single(summary.Sections);
        Assert.Equal((SectionChangeKind.Added, "AI training", 3, -1), (added.Kind, added.Title, added.Position, added.PreviousPosition));
        Assert.Equal(2 + 9, added.WordsAdded);
        Assert.Equal(["ai-training"], summary.Topics);
        Assert.Equal(0, summary.SectionsMoved);
    }

    [Fact]
    public void A_deleted_section_is_removed_and_listed_after_its_old_predecessor()
    {
        var current = Documents.Replace(Documents.Policy,
            "## Data retention\n\nWe keep your data for 30 days after you close your account.\n\n", "");
        current = Documents.Replace(current, "name and email", "name, email");

        var summary = summarizer.Summarize(Documents.Policy, current);

        Assert.Equal(
            [(SectionChangeKind.Modified, "Information we collect"), (SectionChangeKind.Removed, "Data retention")],
            summary.Sections.Select(s => (s.Kind, s.Title)));
        var removed = summary.Sections[1];
        Assert.Equal((-1, 2, 2 + 12), (removed.Position, removed.PreviousPosition, removed.WordsRemoved));
        Assert.Equal(0, summary.SectionsMoved);
    }

    [Fact]
    public void Two_swapped_sections_are_moved_not_added_or_removed()
    {
        var current = Documents.Replace(Documents.Policy,
            "## Data retention\n\nWe keep your data for 30 days after you close your account.\n\n## Governing law\n\nThese terms are governed by the laws of Ireland.",
            "## Governing law\n\nThese terms are governed by the laws of Ireland.\n\n## Data retention\n\nWe keep your data for 30 days after you close your account.");

        var summary = summarizer.Summarize(Documents.Policy, current);

        Assert.Equal((0, 0, 0), (summary.SectionsAdded, summary.SectionsRemoved, summary.SectionsModified));
        Assert.Equal(1, summary.SectionsMoved);
        var moved = Assert.Single(summary.Sections);
        Assert.Equal(SectionChangeKind.Moved, moved.Kind);
        Assert.Equal("Governing law", moved.Title);
        Assert.Equal((0, 0), (summary.WordsAdded, summary.WordsRemoved));
        Assert.Empty(moved.Topics);
        Assert.Equal("1 section moved; +0/\u22120 words", summary.Describe());
    }

    [Fact]
    public void A_section_that_moved_and_changed_is_modified_and_counted_as_moved()
    {
        var current = Documents.Replace(Documents.Policy,
            "## Data retention\n\nWe keep your data for 30 days after you close your account.\n\n## Governing law\n\nThese terms are governed by the laws of Ireland.",
            "## Governing law\n\nThese terms are governed by the laws of France.\n\n## Data retention\n\nWe keep your data for 30 days after you close your account.");

        var summary = summarizer.Summarize(Documents.Policy, current);

        var section = Assert.Single(summary.Sections);
        Assert.Equal((SectionChangeKind.Modified, "Governing law", true), (section.Kind, section.Title, section.AlsoMoved));
        Assert.Equal((1, 1, 0, 0), (summary.SectionsModified, summary.SectionsMoved, summary.SectionsAdded, summary.SectionsRemoved));
        Assert.Equal("1 section modified (Governing law), 1 moved; +1/\u22121 words", summary.Describe());
    }

    [Fact]
    public void A_renamed_heading_with_the_same_body_is_renamed()
    {
        var current = Documents.Replace(Documents.Policy, "## Data retention", "## How long we keep data");

        var summary = summarizer.Summarize(Documents.Policy, current);

        var renamed = Assert.Single(summary.Sections);
        Assert.Equal(SectionChangeKind.Renamed, renamed.Kind);
        Assert.Equal(("Data retention", "How long we keep data"), (renamed.PreviousTitle, renamed.Title));
        Assert.Equal((5, 2), (renamed.WordsAdded, renamed.WordsRemoved));
        Assert.Equal(0, renamed.ParagraphsChanged);
        Assert.Contains("1 section renamed (Data retention → How long we keep data)", summary.Describe());
    }

    [Fact]
    public void A_renamed_heading_with_an_edited_body_is_modified_and_keeps_the_old_title()
    {
        var current = Documents.Replace(Documents.Policy,
            "## Data retention\n\nWe keep your data for 30 days after you close your account.",
            "## Storage period\n\nWe keep your data for 60 days after you close your account.");

        var summary = summarizer.Summarize(Documents.Policy, current);

        var section = Assert.Single(summary.Sections);
        Assert.Equal((SectionChangeKind.Modified, "Data retention", "Storage period"), (section.Kind, section.PreviousTitle, section.Title));
        Assert.Equal(1, summary.SectionsModified);
        Assert.Equal((0, 0), (summary.SectionsAdded, summary.SectionsRemoved));
    }

    [Fact]
    public void Renumbered_headings_are_not_changes()
    {
        var previous = "## 1. Scope\n\nAll users.\n\n## 2. Fees\n\nFree.";
        var current = "## 1. Definitions\n\nWords mean things here, really.\n\n## 2. Scope\n\nAll users.\n\n## 3. Fees\n\nFree.";

        var summary = summarizer.Summarize(previous, current);

        var added = Assert.Single(summary.Sections);
        Assert.Equal("1. Definitions", added.Title);
        Assert.Equal(1, summary.SectionsAdded);
    }

    [Fact]
    public void Preamble_changes_are_reported_on_the_preamble()
    {
        var previous = "Last updated: 1 March 2024.\n\n# Terms\n\nBe nice.";
        var current = "Last updated: 1 June 2024.\n\n# Terms\n\nBe nice.";

        var summary = summarizer.Summarize(previous, current);

        var preamble = Assert.Single(summary.Sections);
        Assert.Equal((SectionChangeKind.Modified, Section.PreambleTitle, 0), (preamble.Kind, preamble.Title, preamble.Level));
        Assert.Equal((1, 1), (preamble.WordsAdded, preamble.WordsRemoved));
    }

    [Fact]
    public void A_new_preamble_is_added()
    {
        var summary = summarizer.Summarize("# Terms\n\nBe nice.", "Effective today.\n\n# Terms\n\nBe nice.");

        var preamble = Assert.Single(summary.Sections);
        Assert.Equal((SectionChangeKind.Added, Section.PreambleTitle, 2), (preamble.Kind, preamble.Title, preamble.WordsAdded));
    }

    [Fact]
    public void Same_inputs_give_the_same_json_and_document_order()
    {
        var current = Documents.Replace(Documents.Policy, "30 days", "90 days");
        current = Documents.Replace(current, "# Privacy Policy", "Intro.\n\n# Privacy Policy");
        current = Documents.Replace(current, "## Information we collect", "## Cookies\n\nWe use cookies.\n\n## Information we collect");
        current = Documents.Replace(current, "laws of Ireland", "laws of France");

        var runs = Enumerable.Range(0, 3).Select(_ => ChangeSummaryJson.Serialize(new ChangeSummarizer().Summarize(Documents.Policy, current))).ToList();

        Assert.All(runs, json => Assert.Equal(runs[0], json));
        var summary = summarizer.Summarize(Documents.Policy, current);
        Assert.Equal(["(preamble)", "Cookies", "Data retention", "Governing law"], summary.Sections.Select(s => s.Title));
        Assert.Equal(["data-retention", "governing-law"], summary.Topics);
    }

    [Fact]
    public void Compare_returns_hunks_that_match_the_summary_counts()
    {
        var current = Documents.Replace(Documents.Policy, "30 days", "90 days");

        var diff = summarizer.Compare(Documents.Policy, current);

        var hunk = Assert.Single(Assert.Single(diff.Sections).Hunks);
        Assert.Equal(DiffHunkKind.Modified, hunk.Kind);
        Assert.Equal(
            [new(SegmentKind.Unchanged, "We keep your data for "), new(SegmentKind.Deleted, "30"), new(SegmentKind.Inserted, "90"),
             new InlineSegment(SegmentKind.Unchanged, " days after you close your account.")],
            hunk.Segments);
    }
}
