using System.Text;
using Snapshots.Text;

namespace Snapshots.Changes;

/// <summary>Plain-text renderings for a terminal: unified paragraph lines, and inline word changes with or without colour.</summary>
public static class TextDiffRenderer
{
    private const string Red = "\u001b[31m";
    private const string Green = "\u001b[32m";
    private const string Strike = "\u001b[9m";
    private const string Reset = "\u001b[0m";

    /// <summary>
    /// Like `diff -u` with paragraphs for lines: a "@@ section (kind) @@" header per changed section,
    /// then "-" lines for the previous text of each changed paragraph and "+" lines for the current text.
    /// </summary>
    public static string Unified(DocumentDiff diff)
    {
        var text = new StringBuilder();
        foreach (var section in diff.Sections)
        {
            text.Append("@@ ").Append(Header(section.Change)).Append(" @@\n");
            foreach (var hunk in section.Hunks)
            {
                if (hunk.Kind != DiffHunkKind.Inserted) AppendLines(text, '-', hunk.PreviousText);
                if (hunk.Kind != DiffHunkKind.Deleted) AppendLines(text, '+', hunk.CurrentText);
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// Word changes in place: with <paramref name="colour"/> deleted text is red and struck through, inserted
    /// text green (ANSI); without, they read "[-deleted-]" and "{+inserted+}" as in wdiff. Page text can neither forge a
    /// marker (a "[-", "-]", "{+" or "+}" in the text itself is written "[\-", "\-]", "{\+", "\+}") nor reach the terminal
    /// with control characters (made visible, see <see cref="VisibleText"/>).
    /// </summary>
    public static string Inline(IEnumerable<InlineSegment> segments, bool colour)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            var words = colour ? VisibleText.Of(segment.Text) : EscapeMarkers(VisibleText.Of(segment.Text));
            text.Append(segment.Kind switch
            {
                SegmentKind.Deleted when colour => Red + Strike + words + Reset,
                SegmentKind.Inserted when colour => Green + words + Reset,
                SegmentKind.Deleted => "[-" + words + "-]",
                SegmentKind.Inserted => "{+" + words + "+}",
                _ => words,
            });
        }
        return text.ToString();
    }

    /// <summary>An excerpt for a terminal: each hunk under its section, then the size note.</summary>
    public static string Inline(DiffExcerpt excerpt, bool colour)
    {
        var text = new StringBuilder();
        string? section = null;
        foreach (var hunk in excerpt.Hunks)
        {
            if (hunk.SectionTitle != section)
                text.Append("## ").Append(VisibleText.Of(hunk.SectionTitle, keepLineBreaks: false)).Append(" (").Append(hunk.SectionKind.ToString().ToLowerInvariant()).Append(")\n");
            section = hunk.SectionTitle;
            text.Append(Inline(hunk.Segments, colour)).Append("\n\n");
        }
        return text.Append('(').Append(excerpt.SizeNote).Append(")\n").ToString();
    }

    /// <summary>Diff markers that occur in the text itself, written so they cannot be read as the renderer's own.</summary>
    public static string EscapeMarkers(string text) => text.Contains('[') || text.Contains('{') || text.Contains(']') || text.Contains('}')
        ? text.Replace("[-", "[\\-").Replace("-]", "\\-]").Replace("{+", "{\\+").Replace("+}", "\\+}")
        : text;

    private static string Header(SectionChange change)
    {
        var kind = change.Kind.ToString().ToLowerInvariant() + (change.AlsoMoved ? ", moved" : "");
        var renamed = change.IsRenamed ? $"{change.PreviousTitle} → " : "";
        return VisibleText.Of($"{renamed}{change.FullPath}", keepLineBreaks: false) + $" ({kind}, +{change.WordsAdded}/-{change.WordsRemoved} words)";
    }

    private static void AppendLines(StringBuilder text, char mark, string paragraph)
    {
        foreach (var line in paragraph.Split('\n')) text.Append(mark).Append(' ').Append(VisibleText.Of(line, keepLineBreaks: false)).Append('\n');
    }
}
