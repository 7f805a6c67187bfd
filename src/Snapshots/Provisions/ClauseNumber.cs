using System.Text.RegularExpressions;

namespace Snapshots.Provisions;

/// <summary>
/// The clause number a provision's text starts with, as legal texts write it: "3.2", "3.2.1.", "(a)", "(iv)", "(1)", "b)",
/// "Article 5", "Section 12.3", "§ 4", "IV.". A bare "3 " or "2024 " is not one (it starts a sentence); "3. " is, when it is
/// written in a paragraph rather than as a list marker. Bold around the number ("**3.2** Title") is allowed.
/// </summary>
internal static partial class ClauseNumber
{
    /// <summary>The clause number at the start of <paramref name="text"/>, without bold marks; null when there is none.</summary>
    public static string? Of(ReadOnlySpan<char> text)
    {
        var match = Leading().EnumerateMatches(text);
        if (!match.MoveNext()) return null;
        var number = text.Slice(match.Current.Index, match.Current.Length).ToString();
        return number.Replace("**", "").Trim();
    }

    /// <summary>How many characters the clause number and the spaces after it take at the start of <paramref name="text"/>.</summary>
    public static int Length(ReadOnlySpan<char> text)
    {
        var match = Leading().EnumerateMatches(text);
        return match.MoveNext() ? match.Current.Length : 0;
    }

    /// <summary>The text without its leading clause number.</summary>
    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> text) => text[Length(text)..];

    /// <summary>
    /// A sub-enumeration ("(a)", "(ii)", "b)") rather than a clause of its own ("3.2", "Article 5"): it continues the list a
    /// lead-in sentence opened.
    /// </summary>
    public static bool IsSubItem(string number) => number.EndsWith(')');

    [GeneratedRegex(
        @"^(?:\*\*)?(?:(?:section|article|art\.|clause|§)\s*\d+(?:\.\d+)*[.:)]?|\d+(?:\.\d+)+\.?|\d{1,3}\.|\((?:\d{1,3}|[a-z]{1,2}|[ivxlc]{1,7})\)|(?:[a-z]|[ivxlc]{1,7})\)|[IVXL]{1,6}\.)(?:\*\*)?(?=\s|$)\s*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Leading();
}
