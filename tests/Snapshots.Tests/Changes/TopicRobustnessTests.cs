using Snapshots.Changes;

namespace Snapshots.Tests.Changes;

public sealed class TopicRobustnessTests
{
    [Fact]
    public void A_phrase_search_that_times_out_flags_nothing_instead_of_failing_the_capture()
    {
        // A catastrophically backtracking pattern against a long near-match runs past the matcher's time limit.
        const string pattern = @"(?:\w+\s?)+y";
        var catalog = TopicCatalog.Parse("{\"topics\": [{\"id\": \"slow\", \"label\": \"Slow\", \"patterns\": [\"" + pattern.Replace(@"\", @"\\") + "\"]}]}");
        var classifier = new TopicClassifier(catalog);
        var text = string.Concat(Enumerable.Repeat("ab ", 40)) + "!";
        Assert.Throws<System.Text.RegularExpressions.RegexMatchTimeoutException>(() =>
            new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(100)).IsMatch(text));

        var topics = classifier.Classify(text);

        Assert.Empty(topics);
    }

    [Fact]
    public void A_first_version_flags_no_topic_and_stores_counts_without_the_section_list()
    {
        const string text = "# Privacy\n\n## Training\n\nWe may use your content to train our models.\n\n## Retention\n\nWe retain your data for 30 days.\n";

        var summary = new ChangeSummarizer().Summarize(null, text);
        var stored = new ChangeStatistics(new ChangeSummarizer()).Compare(null, text);

        Assert.True(summary.IsFirst);
        Assert.Empty(summary.Topics);
        Assert.Equal(3, summary.SectionsAdded);
        var roundTrip = ChangeSummaryJson.Deserialize(stored.SummaryJson!);
        Assert.Equal(3, roundTrip.SectionsAdded);
        Assert.Empty(roundTrip.Sections);
    }

    [Fact]
    public void A_later_version_still_flags_the_topics_it_touches()
    {
        const string before = "# Privacy\n\n## Training\n\nWe do not use your content to train our models.\n";
        var summary = new ChangeSummarizer().Summarize(before, before.Replace("do not use", "may use"));
        Assert.Contains("ai-training", summary.Topics);
    }
}
