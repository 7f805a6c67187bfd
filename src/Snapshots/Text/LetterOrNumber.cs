using System.Globalization;
using System.Runtime.CompilerServices;

namespace Snapshots.Text;

/// <summary>The characters words are made of: Unicode categories L and N, one UTF-16 unit at a time, as the regex class <c>[\p{L}\p{N}]</c>.</summary>
internal static class LetterOrNumber
{
    /// <summary>
    /// Called for every character of every text whose words are counted: inlined, with the ASCII test first and the Unicode
    /// category lookup out of line (it was the hottest method of a first check in <c>perf</c>, issue 15).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Is(char c) => c <= '\x7F' ? char.IsAsciiLetterOrDigit(c) : IsBeyondAscii(c);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsBeyondAscii(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;
}
