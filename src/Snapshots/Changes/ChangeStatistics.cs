namespace Snapshots.Changes;

/// <summary>The figures stored with each version: words added and removed against the previous text, and the summary JSON.</summary>
public sealed class ChangeStatistics
{
    public VersionStatistics Compare(string? previous, string current)
    {
        var before = Words(previous ?? "");
        var after = Words(current);
        var added = 0;
        foreach (var (word, count) in after) added += Math.Max(0, count - before.GetValueOrDefault(word));
        var removed = 0;
        foreach (var (word, count) in before) removed += Math.Max(0, count - after.GetValueOrDefault(word));
        return new VersionStatistics(added, removed, null);
    }

    private static Dictionary<string, int> Words(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            counts[word] = counts.GetValueOrDefault(word) + 1;
        return counts;
    }
}

public sealed record VersionStatistics(int WordsAdded, int WordsRemoved, string? SummaryJson);
