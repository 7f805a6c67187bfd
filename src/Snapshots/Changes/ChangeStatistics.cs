namespace Snapshots.Changes;

/// <summary>The figures stored with each version: the section-level summary against the previous text, as counts and as JSON.</summary>
public sealed class ChangeStatistics(ChangeSummarizer summarizer)
{
    public VersionStatistics Compare(string? previous, string current)
    {
        var summary = summarizer.Summarize(previous, current);
        // A first version "adds" every section: the counts say it all, the list would only fill the row.
        var stored = summary.IsFirst ? summary with { Sections = [] } : summary;
        return new VersionStatistics(summary.WordsAdded, summary.WordsRemoved, ChangeSummaryJson.SerializeWithin(stored), summary);
    }
}

public sealed record VersionStatistics(int WordsAdded, int WordsRemoved, string? SummaryJson, ChangeSummary Summary);
