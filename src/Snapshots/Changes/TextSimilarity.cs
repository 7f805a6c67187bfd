namespace Snapshots.Changes;

/// <summary>Dice coefficient over lower-cased word multisets: 1 for the same words, 0 for none shared.</summary>
internal static class TextSimilarity
{
    public static double Of(string a, string b)
    {
        var left = Words(a);
        var right = Words(b);
        var total = left.Values.Sum() + right.Values.Sum();
        if (total == 0) return a == b ? 1 : 0;
        var shared = left.Sum(pair => Math.Min(pair.Value, right.GetValueOrDefault(pair.Key)));
        return 2.0 * shared / total;
    }

    private static Dictionary<string, int> Words(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in WordTokens.Split(text.ToLowerInvariant()))
        {
            if (WordTokens.CountWords(token) == 0) continue;
            counts[token] = counts.GetValueOrDefault(token) + 1;
        }
        return counts;
    }
}
