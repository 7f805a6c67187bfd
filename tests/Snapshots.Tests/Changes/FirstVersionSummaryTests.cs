using Snapshots.Changes;

namespace Snapshots.Tests.Changes;

/// <summary>The first-version summary is counted, not diffed (issue 15): it must equal the full comparison against nothing.</summary>
public sealed class FirstVersionSummaryTests
{
    public static TheoryData<string> Texts() =>
    [
        "",
        "Just one paragraph with five words.\n",
        "Preamble before any heading.\n\n# Terms\n\nFirst paragraph.\nStill the first.\n\nSecond paragraph.\n",
        "# Privacy\n\n## What we collect\n\n- Your name\n- Your e-mail address\n  continued on a second line\n* starred item\n+ plus item\n\n1. first\n2) second\n10. tenth\n\n## How long we keep it\n\n30 days, then it's deleted.\n",
        "# Code\n\n```\n# not a heading\nline two\n```\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n",
        "Windows line endings\r\nsecond line\r\n\r\n# Heading\r\n\r\nBody\r\n",
        "   \n\t\n# Only heading\n",
        "# Données\n\nLes données personnelles (RGPD) sont conservées 3 ans.\n\n# 数据\n\n我们收集您的信息。\n",
        "Line with trailing spaces   \n\n   \n-not a list item\n- a list item\n12345. not a list marker\n",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Counting_a_first_version_gives_the_summary_of_comparing_it_with_nothing(string text)
    {
        var summarizer = new ChangeSummarizer();
        var full = summarizer.Summarize(null, text) with { Sections = [] };
        var counted = summarizer.SummarizeFirst(text);

        Assert.Equal(ChangeSummaryJson.SerializeWithin(full), ChangeSummaryJson.SerializeWithin(counted));
        Assert.Equal(full.WordsAdded, counted.WordsAdded);
        Assert.Equal(full.ParagraphsChanged, counted.ParagraphsChanged);
        Assert.Equal(full.SectionsAdded, counted.SectionsAdded);
        Assert.True(counted.IsFirst);
    }
}
