namespace Snapshots.Changes;

/// <summary>The figures stored with each version: the section-level summary against the previous text, as counts and as JSON.</summary>
public sealed class ChangeStatistics(ChangeSummarizer summarizer)
{
    public VersionStatistics Compare(string? previous, string current)
    {
        // A first version "adds" every section: the counts say it all, the list would only fill the row (and is not built).
        var summary = previous is null ? summarizer.SummarizeFirst(current) : summarizer.Summarize(previous, current);
        return new VersionStatistics(summary.WordsAdded, summary.WordsRemoved, ChangeSummaryJson.SerializeWithin(summary), summary);
    }
}

public sealed record VersionStatistics(int WordsAdded, int WordsRemoved, string? SummaryJson, ChangeSummary Summary);
