namespace Snapshots.Web.Pages;

/// <summary>Words to mark in a text: <see cref="Start"/> and <see cref="Length"/> are offsets into it.</summary>
/// <param name="Role">What the words did: match, cue, negation or exception (the mark's class).</param>
/// <param name="Label">What the mark says on hover ("Retention period: match").</param>
public readonly record struct TextMark(int Start, int Length, string Role, string Label);

/// <summary>A run of a text: marked (<see cref="Role"/> set) or plain. Templates encode <see cref="Text"/> when they write it.</summary>
public sealed record TextRun(string Text, string? Role, string? Label);

/// <summary>
/// A text cut into plain and marked runs, for the words that gave a clause type to be highlighted as plain text (never as
/// markup). Overlapping marks are merged into one, keeping the first mark's role and every label.
/// </summary>
public static class HighlightedText
{
    /// <summary>The whole text with its marks.</summary>
    public static IReadOnlyList<TextRun> Of(string text, IEnumerable<TextMark> marks) => Runs(text, 0, text.Length, marks);

    /// <summary>
    /// At most about <paramref name="maxChars"/> characters of the text around its first mark (its start when it has none),
    /// cut between words, with "…" where it was cut.
    /// </summary>
    public static IReadOnlyList<TextRun> Excerpt(string text, IEnumerable<TextMark> marks, int maxChars = 280)
    {
        var sorted = marks.OrderBy(m => m.Start).ToList();
        if (text.Length <= maxChars) return Runs(text, 0, text.Length, sorted);
        var anchor = sorted.Count > 0 ? Math.Clamp(sorted[0].Start, 0, text.Length) : 0;
        var start = anchor <= maxChars / 3 ? 0 : WordStartAtOrAfter(text, anchor - maxChars / 3);
        var end = start + maxChars >= text.Length ? text.Length : WordEndAtOrBefore(text, start + maxChars, start);
        var runs = new List<TextRun>();
        if (start > 0) runs.Add(new TextRun("\u2026", null, null));
        runs.AddRange(Runs(text, start, end, sorted));
        if (end < text.Length) runs.Add(new TextRun("\u2026", null, null));
        return runs;
    }

    private static List<TextRun> Runs(string text, int from, int to, IEnumerable<TextMark> marks)
    {
        var runs = new List<TextRun>();
        var at = from;
        foreach (var (start, end, role, label) in Merged(text, from, to, marks))
        {
            if (start > at) runs.Add(new TextRun(text[at..start], null, null));
            runs.Add(new TextRun(text[start..end], role, label));
            at = end;
        }
        if (at < to) runs.Add(new TextRun(text[at..to], null, null));
        return runs;
    }

    /// <summary>The marks clipped to [from, to), sorted, overlapping ones merged.</summary>
    private static List<(int Start, int End, string Role, string Label)> Merged(string text, int from, int to, IEnumerable<TextMark> marks)
    {
        var merged = new List<(int Start, int End, string Role, string Label)>();
        foreach (var mark in marks.OrderBy(m => m.Start).ThenByDescending(m => m.Length))
        {
            var start = Math.Clamp(mark.Start, from, to);
            var end = Math.Clamp(mark.Start + mark.Length, from, to);
            if (end <= start || end > text.Length) continue;
            if (merged.Count > 0 && start < merged[^1].End)
            {
                var last = merged[^1];
                var label = last.Label.Split("; ").Contains(mark.Label) ? last.Label : $"{last.Label}; {mark.Label}";
                merged[^1] = (last.Start, Math.Max(last.End, end), last.Role, label);
            }
            else merged.Add((start, end, mark.Role, mark.Label));
        }
        return merged;
    }

    private static int WordStartAtOrAfter(string text, int index)
    {
        while (index < text.Length && index > 0 && !char.IsWhiteSpace(text[index - 1])) index++;
        return index;
    }

    private static int WordEndAtOrBefore(string text, int index, int floor)
    {
        var at = index;
        while (at > floor && at < text.Length && !char.IsWhiteSpace(text[at])) at--;
        return at > floor ? at : index;
    }
}
