using Snapshots.Changes;

namespace Snapshots.Email;

/// <summary>The alert as its templates read it: every value is plain text, formatted, and encoded by the template.</summary>
internal sealed record AlertView(
    string Subject,
    string Severity,
    string Heading,
    string Topics,
    string SummaryLine,
    string WordsAdded,
    string WordsRemoved,
    IReadOnlyList<SectionView> Sections,
    int MoreSections,
    IReadOnlyList<ParagraphView> Paragraphs,
    string SizeNote,
    EvidenceView Evidence);

/// <summary>One changed section in the summary table.</summary>
internal sealed record SectionView(string Kind, string Color, string Background, string Title, string? PreviousTitle, string Words, bool AlsoMoved);

/// <summary>One changed paragraph of the excerpt.</summary>
internal sealed record ParagraphView(string Section, IReadOnlyList<SegmentView> Segments);

/// <summary>A run of text: <c>same</c>, <c>ins</c> or <c>del</c>.</summary>
internal sealed record SegmentView(string Kind, string Text)
{
    public static SegmentView From(InlineSegment segment) => new(segment.Kind switch
    {
        SegmentKind.Inserted => "ins",
        SegmentKind.Deleted => "del",
        _ => "same",
    }, segment.Text);
}

/// <summary>The evidence block: where and when the version was captured, its hashes and the citation.</summary>
internal sealed record EvidenceView(string DocumentId, string Source, string? SourceHref, string CapturedAt, string Version, string ShaBefore, string ShaAfter, string Cite, string? PageUrl = null);
