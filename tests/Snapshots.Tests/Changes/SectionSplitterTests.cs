using Snapshots.Changes;

namespace Snapshots.Tests.Changes;

public class SectionSplitterTests
{
    private const string Document = """
        Welcome to Example. Please read carefully.

        # Terms of Service

        These terms apply to you.

        ## 3. Your rights

        You have rights.

        ### 3.2 Deletion ###

        - You may ask us to delete your data.
        - We answer within 30 days.

        ## 4. **Governing law**

        The law of [Ireland](https://example.com/ie) applies.
        """;

    [Fact]
    public void Splits_at_headings_with_preamble_levels_paths_and_bodies()
    {
        var sections = SectionSplitter.Split(Document);

        Assert.Equal(
            ["(preamble)", "Terms of Service", "3. Your rights", "3.2 Deletion", "4. Governing law"],
            sections.Select(s => s.Title));
        Assert.Equal([0, 1, 2, 3, 2], sections.Select(s => s.Level));
        Assert.Equal([0, 1, 2, 3, 4], sections.Select(s => s.Position));
        Assert.Equal("Terms of Service > 3. Your rights > 3.2 Deletion", sections[3].Path);
        Assert.Equal("Terms of Service > 4. Governing law", sections[4].Path);
        Assert.Equal("Welcome to Example. Please read carefully.", sections[0].Body);
        Assert.Equal("- You may ask us to delete your data.\n- We answer within 30 days.", sections[3].Body);
        Assert.True(sections[0].IsPreamble);
    }

    [Fact]
    public void Whitespace_before_the_first_heading_makes_no_preamble()
    {
        var sections = SectionSplitter.Split("\n\n# Privacy\n\nText.");

        var only = Assert.Single(sections);
        Assert.Equal("Privacy", only.Title);
        Assert.Equal(0, only.Position);
    }

    [Fact]
    public void Hashtags_and_fenced_code_are_not_headings()
    {
        var sections = SectionSplitter.Split("# Real\n\n#hashtag stays text\n\n```\n# not a heading\n```\n\n## C#\n\nDone.");

        Assert.Equal(["Real", "C#"], sections.Select(s => s.Title));
        Assert.Contains("#hashtag stays text", sections[0].Body);
        Assert.Contains("# not a heading", sections[0].Body);
    }

    [Fact]
    public void Text_without_headings_is_one_preamble()
    {
        var only = Assert.Single(SectionSplitter.Split("Just a paragraph.\r\n\r\nAnd another."));

        Assert.Equal(Section.PreambleTitle, only.Title);
        Assert.Equal("Just a paragraph.\n\nAnd another.", only.Body);
    }
}
