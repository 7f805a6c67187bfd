using Snapshots.Changes;

namespace Snapshots.Tests.Changes;

public class ChangeSeverityTests
{
    private static readonly TopicCatalog Topics = TopicCatalog.Default;

    private static ChangeSummary Change(int modified = 0, int added = 0, int removed = 0, int wordsAdded = 3, int wordsRemoved = 2, params string[] topics) => new()
    {
        SectionsModified = modified,
        SectionsAdded = added,
        SectionsRemoved = removed,
        WordsAdded = wordsAdded,
        WordsRemoved = wordsRemoved,
        Topics = topics,
    };

    [Fact]
    public void A_high_stakes_topic_makes_a_change_high_with_the_topics_and_extent_in_words()
    {
        var severity = ChangeSeverity.Rate(Change(modified: 3, wordsAdded: 40, wordsRemoved: 12, topics: ["arbitration", "ai-training"]), Topics);

        Assert.Equal(SeverityLevel.High, severity.Level);
        Assert.Equal("high: AI training, arbitration; 3 sections modified (+40/\u221212 words)", severity.ToString());
    }

    [Fact]
    public void Another_topic_on_a_small_edit_is_medium()
    {
        var severity = ChangeSeverity.Rate(Change(modified: 1, topics: ["governing-law"]), Topics);

        Assert.Equal(SeverityLevel.Medium, severity.Level);
        Assert.StartsWith("governing law; 1 section modified", severity.Reason);
    }

    [Fact]
    public void Any_topic_over_three_sections_is_high()
    {
        Assert.Equal(SeverityLevel.High, ChangeSeverity.Rate(Change(modified: 2, added: 1, topics: ["fees-pricing"]), Topics).Level);
    }

    [Fact]
    public void A_small_edit_without_topics_is_low_and_a_large_rewrite_is_high()
    {
        var typo = ChangeSeverity.Rate(Change(modified: 1, wordsAdded: 1, wordsRemoved: 1), Topics);
        Assert.Equal(SeverityLevel.Low, typo.Level);
        Assert.Equal("no governance topic; 1 section modified (+1/\u22121 words)", typo.Reason);

        Assert.Equal(SeverityLevel.Medium, ChangeSeverity.Rate(Change(modified: 2), Topics).Level);
        Assert.Equal(SeverityLevel.Medium, ChangeSeverity.Rate(Change(modified: 1, wordsAdded: 30, wordsRemoved: 10), Topics).Level);
        Assert.Equal(SeverityLevel.High, ChangeSeverity.Rate(Change(modified: 1, wordsAdded: 500, wordsRemoved: 100), Topics).Level);
    }

    [Fact]
    public void A_first_version_is_low()
    {
        Assert.Equal(SeverityLevel.Low, ChangeSeverity.Rate(new ChangeSummary { IsFirst = true, WordsAdded = 5000 }, Topics).Level);
    }

    [Theory]
    [InlineData("low", SeverityLevel.Low)]
    [InlineData("Medium", SeverityLevel.Medium)]
    [InlineData(" HIGH ", SeverityLevel.High)]
    public void Severity_names_parse(string text, SeverityLevel expected) => Assert.Equal(expected, ChangeSeverity.Parse(text));

    [Theory]
    [InlineData("critical")]
    [InlineData("2")]
    [InlineData("")]
    public void Unknown_severity_names_are_refused_with_the_accepted_values(string text)
    {
        var e = Assert.Throws<FormatException>(() => ChangeSeverity.Parse(text));
        Assert.Contains("low, medium or high", e.Message);
    }
}
