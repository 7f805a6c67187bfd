using System.Text;
using System.Text.RegularExpressions;

namespace Snapshots.Changes;

/// <summary>Splits canonical Markdown into sections at ATX headings ("#" to "######").</summary>
internal static partial class SectionSplitter
{
    /// <summary>
    /// Sections in document order. Text before the first heading becomes a preamble section
    /// (<see cref="Section.PreambleTitle"/>, level 0) when it holds anything but whitespace.
    /// Lines inside fenced code blocks are never headings.
    /// </summary>
    public static IReadOnlyList<Section> Split(string text)
    {
        var sections = new List<Section>();
        var ancestors = new List<(int Level, string Title)>();
        var body = new StringBuilder();
        (int Level, string Title, string Path)? current = null;
        var inFence = false;

        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            // The regular expressions only where they can match: a fence holds ``` or ~~~, a heading starts with #.
            if ((line.Contains("```", StringComparison.Ordinal) || line.Contains("~~~", StringComparison.Ordinal)) && Fence().IsMatch(line)) inFence = !inFence;
            var heading = inFence || !line.StartsWith('#') ? null : Heading().Match(line);
            if (heading is null || !heading.Success)
            {
                body.Append(line).Append('\n');
                continue;
            }

            Flush(sections, current, body);
            var level = heading.Groups[1].Length;
            var title = HeadingText.Plain(heading.Groups[2].Value);
            ancestors.RemoveAll(a => a.Level >= level);
            ancestors.Add((level, title));
            current = (level, title, string.Join(Section.PathSeparator, ancestors.Select(a => a.Title)));
        }
        Flush(sections, current, body);
        return sections;
    }

    private static void Flush(List<Section> sections, (int Level, string Title, string Path)? current, StringBuilder body)
    {
        var text = body.ToString().Trim();
        body.Clear();
        if (current is { } heading)
            sections.Add(new Section(sections.Count, heading.Level, heading.Title, heading.Path, text));
        else if (text.Length > 0)
            sections.Add(new Section(0, 0, Section.PreambleTitle, Section.PreambleTitle, text));
    }

    [GeneratedRegex(@"^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}(```|~~~)")]
    private static partial Regex Fence();
}
