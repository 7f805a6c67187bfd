using System.Text.RegularExpressions;

namespace Snapshots.Changes;

/// <summary>
/// The text that topic flags look at: the sentences that hold a change, on the side where the change
/// shows (new sentences around insertions, old sentences around deletions, both around a word that
/// vanished mid-sentence), never the unchanged rest of the section.
/// </summary>
internal static partial class ChangeContext
{
    public static IReadOnlyList<string> Sentences(DiffHunk hunk)
    {
        if (hunk.Kind != DiffHunkKind.Modified) return [hunk.Kind == DiffHunkKind.Inserted ? hunk.CurrentText : hunk.PreviousText];

        var previousMarks = new List<(int Start, int End)>();
        var currentMarks = new List<(int Start, int End)>();
        int previous = 0, current = 0;
        foreach (var segment in hunk.Segments)
        {
            var length = segment.Text.Length;
            switch (segment.Kind)
            {
                case SegmentKind.Unchanged:
                    previous += length;
                    current += length;
                    break;
                case SegmentKind.Deleted:
                    previousMarks.Add((previous, previous + length));
                    currentMarks.Add((current, current));
                    previous += length;
                    break;
                case SegmentKind.Inserted:
                    currentMarks.Add((current, current + length));
                    previousMarks.Add((previous, previous));
                    current += length;
                    break;
            }
        }
        return Touched(hunk.PreviousText, previousMarks).Concat(Touched(hunk.CurrentText, currentMarks)).Distinct().ToList();
    }

    /// <summary>Sentences overlapping a marked range, or strictly containing a zero-width mark.</summary>
    private static IEnumerable<string> Touched(string text, List<(int Start, int End)> marks)
    {
        foreach (Match sentence in Sentence().Matches(text))
        {
            int start = sentence.Index, end = sentence.Index + sentence.Length;
            var hit = marks.Any(m => m.Start == m.End ? start < m.Start && m.Start < end : m.Start < end && m.End > start);
            if (hit) yield return sentence.Value;
        }
    }

    /// <summary>A sentence ends at '.', '!', '?' or ';' followed by a space, or at a line break.</summary>
    [GeneratedRegex(@"[^\n]+?(?:[.!?;](?=\s|$)|(?=\n)|$)")]
    private static partial Regex Sentence();
}
