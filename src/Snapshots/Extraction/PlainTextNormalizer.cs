using System.Text;

namespace Snapshots.Extraction;

/// <summary>
/// Canonical form of a text/plain document. Line breaks are kept (in plain text they carry lists and layout), but
/// white space inside each line is folded and trimmed, runs of blank lines become one blank line, and the text ends
/// with a single newline.
/// </summary>
internal static class PlainTextNormalizer
{
    public static string Normalize(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(Whitespace.FoldAndTrim);
        return JoinParagraphLines(lines);
    }

    /// <summary>Joins lines, collapsing blank runs into one blank line and dropping leading and trailing blank lines.</summary>
    public static string JoinParagraphLines(IEnumerable<string> lines)
    {
        var result = new StringBuilder();
        var blankPending = false;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                blankPending = result.Length > 0;
                continue;
            }
            if (blankPending) result.Append('\n');
            blankPending = false;
            result.Append(line).Append('\n');
        }
        return result.ToString();
    }
}
