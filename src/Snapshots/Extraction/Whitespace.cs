using System.Text;

namespace Snapshots.Extraction;

/// <summary>
/// Canonical whitespace for extracted text: every run of white space (spaces, tabs, newlines, NBSP and the other
/// Unicode spaces) becomes one space; invisible characters (zero-width space/joiners, word joiner, BOM, soft hyphen)
/// are removed, so that markup-level churn in them never changes the text.
/// </summary>
internal static class Whitespace
{
    /// <summary>Folds white space to single spaces and removes invisible characters; does not trim.</summary>
    public static string Fold(string text)
    {
        // Most runs of page text are already canonical (single spaces, nothing invisible): returned as they are, no copy.
        if (text.AsSpan().IndexOfAny(NotCanonical) < 0 && !text.Contains("  ", StringComparison.Ordinal)) return text;
        var folded = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsInvisible(c)) continue;
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace) folded.Append(' ');
            pendingSpace = false;
            folded.Append(c);
        }
        if (pendingSpace) folded.Append(' ');
        return folded.ToString();
    }

    /// <summary>Folds and trims: the canonical form of one line or one inline run.</summary>
    public static string FoldAndTrim(string text) => Fold(text).Trim(' ');

    /// <summary>Every white space character but the plain space, and every invisible character: what folding changes.</summary>
    private static readonly System.Buffers.SearchValues<char> NotCanonical = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(c => c != ' ' && (char.IsWhiteSpace(c) || IsInvisible(c))).ToArray());

    /// <summary>Zero-width space, non-joiner, joiner, word joiner, BOM / zero-width no-break space, soft hyphen.</summary>
    public static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD';
}
