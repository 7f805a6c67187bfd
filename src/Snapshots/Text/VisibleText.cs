using System.Globalization;
using System.Text;

namespace Snapshots.Text;

/// <summary>
/// Text from a page, a response or a declaration made safe for a terminal and for a stored error: every control character
/// (C0 except the kept line breaks and tabs, DEL, C1) and every bidirectional override becomes visible instead of acting
/// (ESC → ␛, U+009B → &lt;U+009B&gt;), so no clear-screen, window title, hidden hyperlink or reordered text gets through.
/// </summary>
public static class VisibleText
{
    /// <summary>The text with control characters made visible; line feeds (and tabs) are kept when <paramref name="keepLineBreaks"/>.</summary>
    public static string Of(string? text, bool keepLineBreaks = true)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var first = IndexOfUnsafe(text, keepLineBreaks);
        if (first < 0) return text;
        var result = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsUnsafe(c, keepLineBreaks)) result.Append(c);
            else if (c < 0x20) result.Append((char)(0x2400 + c));
            else if (c == 0x7F) result.Append('\u2421');
            else result.Append("<U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('>');
        }
        return result.ToString();
    }

    /// <summary>One line of at most <paramref name="maxLength"/> characters, control characters visible, cut with "…" when longer.</summary>
    public static string Bounded(string? text, int maxLength)
    {
        var visible = Of(text, keepLineBreaks: false);
        return visible.Length <= maxLength ? visible : visible[..Math.Max(0, maxLength - 1)] + "…";
    }

    /// <summary>True when the text holds a character that <see cref="Of"/> would change.</summary>
    public static bool HasControlCharacters(string text, bool keepLineBreaks = true) => IndexOfUnsafe(text, keepLineBreaks) >= 0;

    private static int IndexOfUnsafe(string text, bool keepLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
            if (IsUnsafe(text[i], keepLineBreaks)) return i;
        return -1;
    }

    private static bool IsUnsafe(char c, bool keepLineBreaks) => c switch
    {
        '\n' or '\t' => !keepLineBreaks,
        < '\u0020' => true,
        >= '\u007F' and <= '\u009F' => true,
        // Bidirectional embeddings, overrides and isolates: they reorder what the reader sees.
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };
}
