using Snapshots.Changes;

namespace Snapshots.Web.Pages;

/// <summary>A comparison as the templates read it: the summary line, topics, and each changed section with its word-level runs.</summary>
public sealed record DiffView(string SummaryLine, IReadOnlyList<string> Topics, string WordsAdded, string WordsRemoved, IReadOnlyList<SectionDiffView> Sections)
{
    /// <summary>The links to the other parts of a change shown in parts (<see cref="DiffParts"/>), null when it fits in one.</summary>
    public HtmlFragment? Pager { get; init; }

    /// <summary>
    /// The diff as a page shows it: part <paramref name="requested"/> (<c>?part=N</c>) of its sections cut by
    /// <see cref="DiffParts"/>, with links to the others made by <paramref name="href"/>.
    /// </summary>
    public static HtmlFragment Render(PageTemplates templates, DocumentDiff diff, TopicClassifier topics, string? requested, Func<int, string> href)
    {
        var whole = From(diff, topics);
        var parts = DiffParts.Cut(whole.Sections);
        var paging = Paging.Of(parts.Count, 1, requested);
        return templates.Fragment("diff", whole with
        {
            Sections = parts[paging.Number - 1],
            Pager = paging.Nav(templates, "Parts of this change", href),
        });
    }

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

public sealed record SectionDiffView(string Kind, string KindClass, string Title, string? PreviousTitle, string Words, IReadOnlyList<string> Topics, IReadOnlyList<ParagraphDiffView> Paragraphs)
{
    /// <summary>This is the rest of a section begun in the part before (<see cref="DiffParts"/>).</summary>
    public bool Continued { get; init; }
}

public sealed record ParagraphDiffView(IReadOnlyList<SegmentView> Segments);

/// <summary>A run of text: <c>same</c>, <c>ins</c> or <c>del</c>.</summary>
public sealed record SegmentView(string Kind, string Text);
