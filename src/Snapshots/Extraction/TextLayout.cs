using System.Text.RegularExpressions;

namespace Snapshots.Extraction;

/// <summary>Final layout of a normalized text: trailing spaces trimmed, at most one blank line between blocks, one final newline.</summary>
internal static partial class TextLayout
{
    public static string Tidy(string text)
    {
        text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        text = TrailingSpaces().Replace(text, "");
        text = BlankLines().Replace(text, "\n\n").Trim('\n');
        return text.Length == 0 ? "" : text + "\n";
    }

    [GeneratedRegex("[ \t]+$", RegexOptions.Multiline)]
    private static partial Regex TrailingSpaces();

    [GeneratedRegex("\n{3,}")]
    private static partial Regex BlankLines();
}
