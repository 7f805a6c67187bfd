using System.Globalization;

namespace Snapshots.Text;

/// <summary>The characters words are made of: Unicode categories L and N, one UTF-16 unit at a time, as the regex class <c>[\p{L}\p{N}]</c>.</summary>
public static class LetterOrNumber
{
    public static bool Is(char c) => char.IsAsciiLetterOrDigit(c) || (c > '\x7F' && CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber);
}
