using System.Text.RegularExpressions;

namespace Snapshots.Changes;

/// <summary>Turns a heading's Markdown into the words a reader sees, and into a key for matching headings.</summary>
internal static partial class HeadingText
{
    /// <summary>"**3. [Your rights](#rights)**" → "3. Your rights".</summary>
    public static string Plain(string markdown)
    {
        var text = Link().Replace(markdown, "$1");
        text = Emphasis().Replace(text, "");
        return FoldSpaces(text).Trim();
    }

    /// <summary>
    /// Case-insensitive key without leading numbering, so "3. Your Rights" and "4. Your rights" match:
    /// renumbering after an insertion is not a change of the section itself.
    /// </summary>
    public static string Key(string title)
    {
        var text = Numbering().Replace(title, "");
        text = FoldSpaces(text).Trim().TrimEnd('.', ':', ';');
        return text.ToLowerInvariant();
    }

    /// <summary>Every run of white space as one space; a text whose only white space is single spaces is returned as it is (no copy).</summary>
    private static string FoldSpaces(string text)
    {
        // Printable ASCII holds one white space, the space: text needs folding only from two spaces in a row or from a
        // character outside that range (both found vectorized; most text has neither).
        var span = text.AsSpan();
        var other = span.IndexOfAnyExceptInRange(' ', '~');
        var doubled = span.IndexOf("  ", StringComparison.Ordinal);
        var from = other < 0 ? doubled : doubled < 0 ? other : Math.Min(other, doubled);
        if (from < 0) return text;
        for (var i = Math.Max(0, from - 1); i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ' ? i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]) : char.IsWhiteSpace(c)) return Spaces().Replace(text, " ");
        }
        return text;
    }

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__|\*|`)")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^\s*(?:(?:section|article|art\.|§)\s*)?(?:\d+(?:\.\d+)*|[ivxlc]+)[.):]?\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Numbering();
}
