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
        return Of(left, right);
    }

    /// <summary>The same coefficient over word counts made once by <see cref="Words"/>, for comparing one text with many.</summary>
    public static double Of(IReadOnlyDictionary<string, int> left, IReadOnlyDictionary<string, int> right)
    {
        var total = left.Values.Sum() + right.Values.Sum();
        if (total == 0) return 0;
        return 2.0 * Shared(left, right) / total;
    }

    /// <summary>How many words the two multisets have in common (counted with repetition).</summary>
    public static int Shared(IReadOnlyDictionary<string, int> left, IReadOnlyDictionary<string, int> right)
    {
        if (left.Count > right.Count) (left, right) = (right, left);
        var shared = 0;
        foreach (var pair in left) shared += Math.Min(pair.Value, right.GetValueOrDefault(pair.Key));
        return shared;
    }

    /// <summary>The lower-cased words of a text with how often each occurs.</summary>
    public static Dictionary<string, int> Words(string text)
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
