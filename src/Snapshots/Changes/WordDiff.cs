using DiffPlex;
using DiffPlex.Model;

namespace Snapshots.Changes;

/// <summary>Paragraph hunks with word-level segments, computed with DiffPlex.</summary>
public static class WordDiff
{
    /// <summary>Below this word similarity a deleted and an inserted paragraph are shown apart, not as one edit.</summary>
    private const double PairingThreshold = 0.4;

    /// <summary>Changed paragraphs of a section body, in document order. Empty when the bodies have the same paragraphs.</summary>
    public static IReadOnlyList<DiffHunk> Compare(string previousBody, string currentBody)
    {
        var diff = Differ.Instance.CreateDiffs(previousBody, currentBody, false, false, ParagraphChunker.Instance);
        var hunks = new List<DiffHunk>();
        foreach (var block in diff.DiffBlocks)
            AddBlock(hunks, diff, block);
        return hunks;
    }

    /// <summary>Every paragraph of a body as inserted (a new section) or deleted (a removed one).</summary>
    public static IReadOnlyList<DiffHunk> Whole(string body, DiffHunkKind kind)
    {
        var paragraphs = Paragraphs.Split(body);
        return paragraphs.Select((p, i) => kind == DiffHunkKind.Inserted ? Inserted(p, i) : Deleted(p, i)).ToArray();
    }

    /// <summary>
    /// Word-level segments turning <paramref name="previous"/> into <paramref name="current"/>. Within each run of
    /// changes the deleted text comes first, then the inserted text; whitespace between changed words joins them.
    /// </summary>
    public static IReadOnlyList<InlineSegment> CompareWords(string previous, string current)
    {
        var diff = Differ.Instance.CreateDiffs(previous, current, false, false, WordTokenChunker.Instance);
        var raw = new List<InlineSegment>();
        var a = 0;
        foreach (var block in diff.DiffBlocks)
        {
            for (; a < block.DeleteStartA; a++) raw.Add(new InlineSegment(SegmentKind.Unchanged, diff.PiecesOld[a]));
            for (var i = 0; i < block.DeleteCountA; i++)
                raw.Add(new InlineSegment(SegmentKind.Deleted, diff.PiecesOld[block.DeleteStartA + i]));
            for (var i = 0; i < block.InsertCountB; i++)
                raw.Add(new InlineSegment(SegmentKind.Inserted, diff.PiecesNew[block.InsertStartB + i]));
            a = block.DeleteStartA + block.DeleteCountA;
        }
        for (; a < diff.PiecesOld.Count; a++) raw.Add(new InlineSegment(SegmentKind.Unchanged, diff.PiecesOld[a]));
        return SegmentRuns.Coalesce(raw);
    }

    private static void AddBlock(List<DiffHunk> hunks, DiffResult diff, DiffBlock block)
    {
        var deleted = Enumerable.Range(block.DeleteStartA, block.DeleteCountA).ToList();
        var inserted = Enumerable.Range(block.InsertStartB, block.InsertCountB).ToList();
        var next = 0;
        foreach (var oldIndex in deleted)
        {
            var oldText = diff.PiecesOld[oldIndex];
            var match = -1;
            for (var j = next; j < inserted.Count && match < 0; j++)
                if (TextSimilarity.Of(oldText, diff.PiecesNew[inserted[j]]) >= PairingThreshold) match = j;

            if (match < 0)
            {
                hunks.Add(Deleted(oldText, oldIndex));
                continue;
            }
            for (; next < match; next++) hunks.Add(Inserted(diff.PiecesNew[inserted[next]], inserted[next]));
            var newIndex = inserted[match];
            hunks.Add(new DiffHunk(DiffHunkKind.Modified, oldIndex, newIndex, CompareWords(oldText, diff.PiecesNew[newIndex])));
            next = match + 1;
        }
        for (; next < inserted.Count; next++) hunks.Add(Inserted(diff.PiecesNew[inserted[next]], inserted[next]));
    }

    private static DiffHunk Inserted(string text, int index) =>
        new(DiffHunkKind.Inserted, -1, index, [new InlineSegment(SegmentKind.Inserted, text)]);

    private static DiffHunk Deleted(string text, int index) =>
        new(DiffHunkKind.Deleted, index, -1, [new InlineSegment(SegmentKind.Deleted, text)]);
}
