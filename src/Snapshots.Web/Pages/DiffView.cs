using Snapshots.Changes;

namespace Snapshots.Web.Pages;

/// <summary>A comparison as the templates read it: the summary line, topics, and each changed section with its word-level runs.</summary>
public sealed record DiffView(string SummaryLine, IReadOnlyList<string> Topics, string WordsAdded, string WordsRemoved, IReadOnlyList<SectionDiffView> Sections)
{
    public static DiffView From(DocumentDiff diff, TopicClassifier topics)
    {
        var summary = diff.Summary;
        var sections = diff.Sections.Select(s => new SectionDiffView(
            Kind(s.Change.Kind), Kind(s.Change.Kind).ToLowerInvariant(), s.Change.FullPath, s.Change.PreviousTitle,
            $"+{s.Change.WordsAdded} / \u2212{s.Change.WordsRemoved} words",
            Labels(topics, s.Change.Topics),
            s.Hunks.Select(h => new ParagraphDiffView(h.Segments.Select(Segment).ToList())).ToList())).ToList();
        return new DiffView(summary.Describe(), Labels(topics, summary.Topics), $"+{summary.WordsAdded}", $"\u2212{summary.WordsRemoved}", sections);
    }

    public static IReadOnlyList<string> Labels(TopicClassifier topics, IEnumerable<string> ids) =>
        topics.Order(ids).Select(id => topics.Catalog.Find(id)?.Label ?? id).ToList();

    private static string Kind(SectionChangeKind kind) => kind.ToString();

    public static SegmentView Segment(InlineSegment segment) => new(segment.Kind switch
    {
        SegmentKind.Inserted => "ins",
        SegmentKind.Deleted => "del",
        _ => "same",
    }, segment.Text);
}

public sealed record SectionDiffView(string Kind, string KindClass, string Title, string? PreviousTitle, string Words, IReadOnlyList<string> Topics, IReadOnlyList<ParagraphDiffView> Paragraphs);

public sealed record ParagraphDiffView(IReadOnlyList<SegmentView> Segments);

/// <summary>A run of text: <c>same</c>, <c>ins</c> or <c>del</c>.</summary>
public sealed record SegmentView(string Kind, string Text);
