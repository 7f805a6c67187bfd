namespace Snapshots.Provisions;

/// <summary>
/// Sentences of a plain text, for scoping negations and exceptions: a sentence ends at '.', '!', '?' or ';' followed by a
/// space or the end (not after "e.g.", "Inc.", "U.S." or a single letter), at the same marks of Chinese and Japanese
/// without a space, and at a table's cell separator " | ".
/// </summary>
internal static class SentenceBounds
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "inc", "ltd", "co", "corp", "llc", "no", "nos", "art", "arts", "sec", "para", "vs", "v", "mr", "mrs",
        "ms", "dr", "st", "u.s", "u.k", "e.u", "approx", "incl", "cf", "jr", "sr", "fig", "ca", "viz", "al", "s.a", "b.v", "gmbh",
    };

    /// <summary>Start and end (exclusive) of every sentence, in order; together they cover the text.</summary>
    public static IReadOnlyList<(int Start, int End)> Of(string text)
    {
        var sentences = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var end = -1;
            if (c is '。' or '！' or '？' or '；') end = i + 1;
            else if (c is '.' or '!' or '?' or ';' && (i + 1 == text.Length || text[i + 1] == ' ') && !(c == '.' && IsAbbreviation(text, i))) end = i + 1;
            else if (c == '|' && i > 0 && text[i - 1] == ' ' && i + 1 < text.Length && text[i + 1] == ' ') end = i + 1;
            if (end < 0) continue;
            // The space after the mark belongs to the sentence that ends, so the next one starts with its first word.
            while (end < text.Length && text[end] == ' ') end++;
            sentences.Add((start, end));
            start = end;
            i = end - 1;
        }
        if (start < text.Length || sentences.Count == 0) sentences.Add((start, text.Length));
        return sentences;
    }

    /// <summary>The sentence holding <paramref name="index"/>.</summary>
    public static (int Start, int End) Holding(IReadOnlyList<(int Start, int End)> sentences, int index)
    {
        foreach (var sentence in sentences)
            if (index < sentence.End) return sentence;
        return sentences[^1];
    }

    private static bool IsAbbreviation(string text, int dot)
    {
        var wordStart = dot;
        while (wordStart > 0 && (char.IsLetterOrDigit(text[wordStart - 1]) || text[wordStart - 1] == '.')) wordStart--;
        var word = text[wordStart..dot];
        return (word.Length == 1 && char.IsLetter(word[0])) || Abbreviations.Contains(word);
    }
}
