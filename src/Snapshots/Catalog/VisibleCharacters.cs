using System.Globalization;
using System.Text;

namespace Snapshots.Catalog;

/// <summary>
/// Whether a name shows anything, and which characters a URL may not hold. A platform name made only of zero-width
/// characters, direction marks, fillers or spaces would be an empty heading in every page, feed and email; a URL with a
/// control or invisible character is not the address its reader sees.
/// </summary>
internal static class VisibleCharacters
{
    /// <summary>Letters that render as blank although Unicode calls them letters or symbols (Hangul fillers, the blank Braille pattern).</summary>
    private static readonly HashSet<int> BlankLetters = [0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800];

    /// <summary>True when the text has at least one character that shows: not a control, format (zero-width, bidi), space,
    /// separator, lone combining mark, private-use, unassigned code point or blank letter.</summary>
    public static bool HasAny(string text)
    {
        foreach (var rune in text.EnumerateRunes())
            if (IsVisible(rune)) return true;
        return false;
    }

    private static bool IsVisible(Rune rune) => !BlankLetters.Contains(rune.Value) && Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => false,
        _ => true,
    };

    /// <summary>
    /// The first character a URL written in a declaration may not hold, as (index, name): C0 controls (CR, LF, TAB, NUL...),
    /// DEL, C1 controls, format characters (zero-width, bidi controls) and line or paragraph separators; null when there is none.
    /// Percent-encoded ones (<c>%0D%0A</c>) are not refused: they are sent encoded, exactly as written, never as the character.
    /// </summary>
    public static (int Index, string Name)? FirstForbiddenInUrl(string url)
    {
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                return (i, Name(c));
        }
        return null;
    }

    private static string Name(char c) => c switch
    {
        '\0' => "NUL",
        '\t' => "TAB",
        '\n' => "LF",
        '\r' => "CR",
        '\u001B' => "ESC",
        '\u007F' => "DEL",
        _ => $"U+{(int)c:X4}",
    };
}
