namespace Snapshots.Changes;

public enum DiffHunkKind
{
    /// <summary>A paragraph whose words changed; segments mix unchanged, inserted and deleted text.</summary>
    Modified,
    /// <summary>A new paragraph; one inserted segment.</summary>
    Inserted,
    /// <summary>A removed paragraph; one deleted segment.</summary>
    Deleted,
}

/// <summary>One changed paragraph of a section with its word-level segments.</summary>
/// <param name="PreviousParagraph">0-based paragraph index in the previous body, -1 for an inserted paragraph.</param>
/// <param name="CurrentParagraph">0-based paragraph index in the current body, -1 for a deleted paragraph.</param>
public sealed record DiffHunk(
    DiffHunkKind Kind,
    int PreviousParagraph,
    int CurrentParagraph,
    IReadOnlyList<InlineSegment> Segments)
{
    /// <summary>
    /// The change was too large to compare word by word (<see cref="WordDiff"/>): the paragraph is shown removed and added
    /// whole, so its word counts are those of the whole paragraph.
    /// </summary>
    public bool Coarse { get; init; }

    public string PreviousText => Join(SegmentKind.Deleted);

    public string CurrentText => Join(SegmentKind.Inserted);

    public int WordsAdded => Count(SegmentKind.Inserted, WordTokens.CountWords);

    public int WordsRemoved => Count(SegmentKind.Deleted, WordTokens.CountWords);

    /// <summary>Characters of inserted plus deleted text.</summary>
    public int ChangedCharacters => Count(SegmentKind.Inserted, t => t.Length) + Count(SegmentKind.Deleted, t => t.Length);

    private string Join(SegmentKind side) =>
        string.Concat(Segments.Where(s => s.Kind == SegmentKind.Unchanged || s.Kind == side).Select(s => s.Text));

    private int Count(SegmentKind kind, Func<string, int> measure) =>
        Segments.Where(s => s.Kind == kind).Sum(s => measure(s.Text));
}
