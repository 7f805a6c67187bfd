using DiffPlex;
using DiffPlex.Model;

namespace Snapshots.Changes;

/// <summary>
/// Paragraph hunks with word-level segments, computed with DiffPlex. DiffPlex takes time that grows with the product of the
/// lengths when much has changed, so a change past the bounds below is compared coarsely instead, in linear time: paragraphs
/// that stay the same at both ends are kept, the rest is shown removed and added whole, and the hunk says so
/// (<see cref="DiffHunk.Coarse"/>, and <see cref="ChangeSummary.Coarse"/> for the change).
/// </summary>
public static class WordDiff
{
    /// <summary>Below this word similarity a deleted and an inserted paragraph are shown apart, not as one edit.</summary>
    private const double PairingThreshold = 0.4;

    /// <summary>Paragraphs of two bodies together past which they are compared coarsely (a long policy has a few hundred a section).</summary>
    public const int MaxParagraphs = 20_000;

    /// <summary>Word and space tokens of two paragraphs together past which they are shown removed and added whole.</summary>
    public const int MaxWordTokens = 40_000;

    /// <summary>Deleted times inserted paragraphs of one run past which they are not paired for word-level edits.</summary>
    public const long MaxPairings = 40_000;

    /// <summary>Changed paragraphs of a section body, in document order. Empty when the bodies have the same paragraphs.</summary>
    public static IReadOnlyList<DiffHunk> Compare(string previousBody, string currentBody)
    {
        var before = Paragraphs.Split(previousBody);
        var after = Paragraphs.Split(currentBody);
        if ((long)before.Length + after.Length > MaxParagraphs) return Coarsely(before, after);
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
        if (IsTooLongForWords(previous, current)) return [new InlineSegment(SegmentKind.Deleted, previous), new InlineSegment(SegmentKind.Inserted, current)];
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

    /// <summary>Whether two paragraphs hold too many tokens to be compared word by word (counted without splitting them).</summary>
    private static bool IsTooLongForWords(string previous, string current) =>
        previous.Length + current.Length > MaxWordTokens && WordTokens.Split(previous).Length + WordTokens.Split(current).Length > MaxWordTokens;

    /// <summary>
    /// The linear comparison: paragraphs equal at the start and at the end are unchanged, every other one removed or added
    /// whole (marked <see cref="DiffHunk.Coarse"/>).
    /// </summary>
    private static IReadOnlyList<DiffHunk> Coarsely(string[] before, string[] after)
    {
        var start = 0;
        while (start < before.Length && start < after.Length && before[start] == after[start]) start++;
        var end = 0;
        while (end < before.Length - start && end < after.Length - start && before[^(end + 1)] == after[^(end + 1)]) end++;
        var hunks = new List<DiffHunk>();
        for (var i = start; i < before.Length - end; i++) hunks.Add(Deleted(before[i], i) with { Coarse = true });
        for (var i = start; i < after.Length - end; i++) hunks.Add(Inserted(after[i], i) with { Coarse = true });
        return hunks;
    }

    private static void AddBlock(List<DiffHunk> hunks, DiffResult diff, DiffBlock block)
    {
        var deleted = Enumerable.Range(block.DeleteStartA, block.DeleteCountA).ToList();
        var inserted = Enumerable.Range(block.InsertStartB, block.InsertCountB).ToList();
        if ((long)deleted.Count * inserted.Count > MaxPairings)
        {
            hunks.AddRange(deleted.Select(i => Deleted(diff.PiecesOld[i], i) with { Coarse = true }));
            hunks.AddRange(inserted.Select(i => Inserted(diff.PiecesNew[i], i) with { Coarse = true }));
            return;
        }
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
            var coarse = IsTooLongForWords(oldText, diff.PiecesNew[newIndex]);
            hunks.Add(new DiffHunk(DiffHunkKind.Modified, oldIndex, newIndex, CompareWords(oldText, diff.PiecesNew[newIndex])) { Coarse = coarse });
            next = match + 1;
        }
        for (; next < inserted.Count; next++) hunks.Add(Inserted(diff.PiecesNew[inserted[next]], inserted[next]));
    }

    private static DiffHunk Inserted(string text, int index) =>
        new(DiffHunkKind.Inserted, -1, index, [new InlineSegment(SegmentKind.Inserted, text)]);

    private static DiffHunk Deleted(string text, int index) =>
        new(DiffHunkKind.Deleted, index, -1, [new InlineSegment(SegmentKind.Deleted, text)]);
}
