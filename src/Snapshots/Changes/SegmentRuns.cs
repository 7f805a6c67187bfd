using System.Text;

namespace Snapshots.Changes;

/// <summary>
/// Tidies raw token diffs for reading: in a run of changes that both deletes and inserts, whitespace left
/// unchanged between the changes joins them,
/// each run of changes becomes one deleted then one inserted segment, and neighbours of one kind merge.
/// Concatenating unchanged+deleted text still gives the old text, unchanged+inserted the new text.
/// </summary>
internal static class SegmentRuns
{
    public static IReadOnlyList<InlineSegment> Coalesce(IReadOnlyList<InlineSegment> raw)
    {
        var result = new List<InlineSegment>();
        var unchanged = new StringBuilder();
        var i = 0;
        while (i < raw.Count)
        {
            if (!raw[i].IsChange)
            {
                unchanged.Append(raw[i].Text);
                i++;
                continue;
            }
            if (unchanged.Length > 0) result.Add(new InlineSegment(SegmentKind.Unchanged, unchanged.ToString()));
            unchanged.Clear();
            i = AddRun(raw, i, result);
        }
        if (unchanged.Length > 0) result.Add(new InlineSegment(SegmentKind.Unchanged, unchanged.ToString()));
        return result;
    }

    /// <summary>Adds the run of changes starting at <paramref name="start"/>; returns the index after it.</summary>
    private static int AddRun(IReadOnlyList<InlineSegment> raw, int start, List<InlineSegment> result)
    {
        var end = start;
        while (end + 1 < raw.Count && (raw[end + 1].IsChange || JoinsChanges(raw, end + 1))) end++;

        var run = raw.Skip(start).Take(end - start + 1).ToList();
        var hasDeleted = run.Any(s => s.Kind == SegmentKind.Deleted);
        var hasInserted = run.Any(s => s.Kind == SegmentKind.Inserted);
        if (hasDeleted && hasInserted)
        {
            // Whitespace kept between changes belongs to both sides: it moves into both segments.
            Add(result, SegmentKind.Deleted, string.Concat(run.Where(s => s.Kind != SegmentKind.Inserted).Select(s => s.Text)));
            Add(result, SegmentKind.Inserted, string.Concat(run.Where(s => s.Kind != SegmentKind.Deleted).Select(s => s.Text)));
        }
        else
        {
            foreach (var segment in run) Add(result, segment.Kind, segment.Text);
        }
        return end + 1;
    }

    private static void Add(List<InlineSegment> result, SegmentKind kind, string text)
    {
        if (result.Count > 0 && result[^1].Kind == kind)
            result[^1] = new InlineSegment(kind, result[^1].Text + text);
        else
            result.Add(new InlineSegment(kind, text));
    }

    private static bool JoinsChanges(IReadOnlyList<InlineSegment> raw, int index) =>
        !raw[index].IsChange && WordTokens.IsWhitespace(raw[index].Text)
        && index + 1 < raw.Count && raw[index + 1].IsChange;
}
