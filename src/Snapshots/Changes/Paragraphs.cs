using System.Text.RegularExpressions;

namespace Snapshots.Changes;

/// <summary>
/// Paragraphs of a section body: blocks separated by blank lines, with each list item
/// ("- ", "* ", "+ ", "1. ") a paragraph of its own so one changed item does not mark a whole list.
/// </summary>
internal static partial class Paragraphs
{
    public static string[] Split(string body)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var line in body.ReplaceLineEndings("\n").Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line) || ListItem().IsMatch(line)) Flush(paragraphs, current);
            if (!string.IsNullOrWhiteSpace(line)) current.Add(line.TrimEnd());
        }
        Flush(paragraphs, current);
        return paragraphs.ToArray();
    }

    /// <summary>How many paragraphs <see cref="Split"/> gives, without building them.</summary>
    public static int Count(string body)
    {
        var count = 0;
        var open = false;
        foreach (var line in body.AsSpan().EnumerateLines())
        {
            var blank = line.IsWhiteSpace();
            if (blank || ListItem().IsMatch(line))
            {
                if (open) count++;
                open = false;
            }
            if (!blank) open = true;
        }
        return open ? count + 1 : count;
    }

    private static void Flush(List<string> paragraphs, List<string> current)
    {
        if (current.Count > 0) paragraphs.Add(string.Join('\n', current));
        current.Clear();
    }

    [GeneratedRegex(@"^\s*(?:[-*+]|\d{1,3}[.)])\s")]
    private static partial Regex ListItem();
}
