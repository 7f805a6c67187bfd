using System.Text;

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
    /// text green (ANSI); without, they read "[-deleted-]" and "{+inserted+}" as in wdiff.
    /// </summary>
    public static string Inline(IEnumerable<InlineSegment> segments, bool colour)
    {
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            text.Append(segment.Kind switch
            {
                SegmentKind.Deleted when colour => Red + Strike + segment.Text + Reset,
                SegmentKind.Inserted when colour => Green + segment.Text + Reset,
                SegmentKind.Deleted => "[-" + segment.Text + "-]",
                SegmentKind.Inserted => "{+" + segment.Text + "+}",
                _ => segment.Text,
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
                text.Append("## ").Append(hunk.SectionTitle).Append(" (").Append(hunk.SectionKind.ToString().ToLowerInvariant()).Append(")\n");
            section = hunk.SectionTitle;
            text.Append(Inline(hunk.Segments, colour)).Append("\n\n");
        }
        return text.Append('(').Append(excerpt.SizeNote).Append(")\n").ToString();
    }

    private static string Header(SectionChange change)
    {
        var kind = change.Kind.ToString().ToLowerInvariant() + (change.AlsoMoved ? ", moved" : "");
        var renamed = change.IsRenamed ? $"{change.PreviousTitle} → " : "";
        return $"{renamed}{change.FullPath} ({kind}, +{change.WordsAdded}/-{change.WordsRemoved} words)";
    }

    private static void AppendLines(StringBuilder text, char mark, string paragraph)
    {
        foreach (var line in paragraph.Split('\n')) text.Append(mark).Append(' ').Append(line).Append('\n');
    }
}
