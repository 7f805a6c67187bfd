using Snapshots.Changes;

namespace Snapshots.Tests.Changes;

public sealed class SectionTopicContextTests
{
    [Fact]
    public void A_change_inside_a_section_is_flagged_by_what_its_heading_is_about()
    {
        const string before = "# Privacy Policy\n\n## 4. How long we keep your data\n\n| Data | Period |\n| --- | --- |\n| Inputs | 30 days |\n";
        var after = before.Replace("30 days", "90 days");

        var summary = new ChangeSummarizer().Summarize(before, after);

        var section = Assert.Single(summary.Sections);
        Assert.Contains("data-retention", section.Topics);
    }

    [Fact]
    public void A_heading_alone_does_not_flag_an_unrelated_change_elsewhere()
    {
        const string before = "# Terms\n\n## How long we keep your data\n\nThirty days.\n\n## Contact\n\nWrite to us at the office.\n";
        var after = before.Replace("at the office", "by post");

        var summary = new ChangeSummarizer().Summarize(before, after);

        Assert.DoesNotContain("data-retention", summary.Topics);
    }
}
