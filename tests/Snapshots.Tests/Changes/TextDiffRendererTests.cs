using Snapshots.Changes;

namespace Snapshots.Tests.Changes;

public class TextDiffRendererTests
{
    private static readonly DocumentDiff Diff = new ChangeSummarizer().Compare(
        Documents.Policy, Documents.Replace(Documents.Policy, "30 days", "90 days"));

    [Fact]
    public void Unified_shows_the_section_and_both_versions_of_the_paragraph()
    {
        Assert.Equal(
            "@@ Privacy Policy > Data retention (modified, +1/-1 words) @@\n"
            + "- We keep your data for 30 days after you close your account.\n"
            + "+ We keep your data for 90 days after you close your account.\n",
            TextDiffRenderer.Unified(Diff));
    }

    [Fact]
    public void Inline_without_colour_uses_wdiff_marks()
    {
        var segments = Diff.Sections[0].Hunks[0].Segments;

        Assert.Equal("We keep your data for [-30-]{+90+} days after you close your account.", TextDiffRenderer.Inline(segments, colour: false));
    }

    [Fact]
    public void Inline_with_colour_wraps_changes_in_ansi_codes()
    {
        var text = TextDiffRenderer.Inline(Diff.Sections[0].Hunks[0].Segments, colour: true);

        Assert.Contains("\u001b[31m\u001b[9m30\u001b[0m", text);
        Assert.Contains("\u001b[32m90\u001b[0m", text);
    }

    [Fact]
    public void Excerpt_rendering_names_the_section_and_the_size()
    {
        var text = TextDiffRenderer.Inline(DiffExcerpt.Build(Diff, contextWords: 2), colour: false);

        Assert.Equal("## Privacy Policy > Data retention (modified)\n… data for [-30-]{+90+} days after …\n\n(4 changed characters)\n", text);
    }
}
