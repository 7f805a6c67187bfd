using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// Finds blocks whose whole text is one glyph repeated, such as the "mmmmmmmmmmlli" strings scripts lay out to measure fonts
/// (hidden by style, which extraction does not read): every word of the block at least <see cref="MinLength"/>
/// letters long (never digits: a number stays), one character making at least <see cref="MinShare"/> of it; or the block's letters, at least
/// <see cref="MinLength"/> of them, drawn from at most <see cref="MaxDistinctGlyphs"/> distinct ones ("l l l l l l l l").
/// No text of a language is like that; signature lines and rules (<c>_____</c>, <c>-----</c>) are not letters and stay.
/// Pure: finds, does not remove.
/// </summary>
internal static class RepeatedGlyphs
{
    public const int MinLength = 8;
    public const double MinShare = 0.6;

    /// <summary>
    /// The outermost elements whose whole text is glyphs: found from the text nodes (few are glyphs, so the climb to the
    /// outermost is short), never a selected root or an element a selector matched.
    /// </summary>
    public static List<IElement> Find(SelectedContent selection, ContentMeasure measure)
    {
        var found = new List<IElement>();
        var stack = new Stack<INode>(selection.Nodes.Reverse());
        while (stack.Count > 0)
        {
            selection.Tick();
            var node = stack.Pop();
            if (node is IElement { LocalName: "script" or "style" or "template" or "noscript" }) continue;
            if (node is IText text)
            {
                if (!IsRepeatedGlyphs(text.Data) || text.ParentElement is not { } element || selection.IsRoot(element)) continue;
                while (element.ParentElement is { } parent && !selection.IsRoot(parent) && measure.Of(parent).Words > 0 && IsRepeatedGlyphs(parent.TextContent))
                {
                    selection.Tick();
                    element = parent;
                }
                if (measure.Of(element).Words > 0 && selection.CanLeaveOut(element) && !found.Contains(element)) found.Add(element);
                continue;
            }
            for (var child = node.LastChild; child is not null; child = child.PreviousSibling) stack.Push(child);
        }
        return found;
    }

    public static bool IsRepeatedGlyphs(string text)
    {
        // Only letters and white space, at least MinLength letters: most text fails here at its first digit or punctuation.
        // The distinct letters are counted on the way, up to one more than MaxDistinctGlyphs (no set, no copy of the text:
        // every text node of a page with eight letters and no punctuation comes here).
        Span<char> distinct = stackalloc char[MaxDistinctGlyphs];
        var (letters, kinds) = (0, 0);
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (kinds <= MaxDistinctGlyphs && distinct[..Math.Min(kinds, MaxDistinctGlyphs)].IndexOf(c) < 0)
                {
                    if (kinds < MaxDistinctGlyphs) distinct[kinds] = c;
                    kinds++;
                }
            }
            else if (!char.IsWhiteSpace(c)) return false;
        }
        if (letters < MinLength) return false;
        // Glyphs laid out one by one ("l l l l l l l l"): a few distinct letters, repeated.
        if (kinds <= MaxDistinctGlyphs) return true;
        // Else every word (a run of letters between white space) must be one glyph repeated.
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var start = 0;
            while (start < rest.Length && char.IsWhiteSpace(rest[start])) start++;
            var end = start;
            while (end < rest.Length && !char.IsWhiteSpace(rest[end])) end++;
            if (end > start && !IsGlyphRun(rest[start..end])) return false;
            rest = rest[end..];
        }
        return true;
    }

    /// <summary>A text of at least <see cref="MinLength"/> letters drawn from at most this many distinct ones is glyphs, not words.</summary>
    public const int MaxDistinctGlyphs = 3;

    /// <summary>A word (letters only) of at least <see cref="MinLength"/> of them, one making at least <see cref="MinShare"/> of it.</summary>
    private static bool IsGlyphRun(ReadOnlySpan<char> word)
    {
        if (word.Length < MinLength) return false;
        // A share of more than half is a majority: the one candidate is found in one pass (Boyer-Moore), then counted.
        var (candidate, lead) = (word[0], 0);
        foreach (var c in word)
        {
            if (lead == 0) candidate = c;
            lead += c == candidate ? 1 : -1;
        }
        return word.Count(candidate) >= MinShare * word.Length;
    }
}
