using Snapshots.Changes;

namespace Snapshots.Web.Pages;

/// <summary>A comparison as the templates read it: the summary line, topics, and each changed section with its word-level runs.</summary>
public sealed record DiffView(string SummaryLine, IReadOnlyList<string> Topics, string WordsAdded, string WordsRemoved, IReadOnlyList<SectionDiffView> Sections)
{
    /// <summary>The two ways a diff is shown, chosen by <c>?view=</c>: <c>inline</c> (the default) or <c>side</c> (before and after side by side).</summary>
    public const string Inline = "inline";
    public const string SideBySide = "side";

    /// <summary>Shown side by side (<see cref="SideBySide"/>) rather than inline.</summary>
    public bool Side { get; init; }

    /// <summary>The address of this part shown inline and side by side, for the switch between them.</summary>
    public string? InlineHref { get; init; }
    public string? SideHref { get; init; }

    /// <summary>The links to the other parts of a change shown in parts (<see cref="DiffParts"/>), null when it fits in one.</summary>
    public HtmlFragment? Pager { get; init; }

    /// <summary>
    /// The diff as a page shows it: part <paramref name="requested"/> (<c>?part=N</c>) of its sections cut by
    /// <see cref="DiffParts"/>, with links to the others made by <paramref name="href"/>.
    /// </summary>
    public static HtmlFragment Render(PageTemplates templates, DocumentDiff diff, TopicClassifier topics, string? requested, Func<int, string> href) =>
        Render(templates, diff, topics, requested, null, (n, _) => href(n));

    /// <summary>
    /// As above, shown as <paramref name="view"/> asks (<see cref="Inline"/> or <see cref="SideBySide"/>, anything else inline), with
    /// links to this part in the other view: <paramref name="href"/> makes the address of part N in a view.
    /// </summary>
    public static HtmlFragment Render(PageTemplates templates, DocumentDiff diff, TopicClassifier topics, string? requested, string? view,
        Func<int, string, string> href)
    {
        var whole = From(diff, topics);
        var parts = DiffParts.Cut(whole.Sections);
        var paging = Paging.Of(parts.Count, 1, requested);
        var side = string.Equals(view, SideBySide, StringComparison.OrdinalIgnoreCase);
        var shown = side ? SideBySide : Inline;
        return templates.Fragment("diff", whole with
        {
            Sections = parts[paging.Number - 1],
            Pager = paging.Nav(templates, "Parts of this change", n => href(n, shown)),
            Side = side,
            InlineHref = href(paging.Number, Inline),
            SideHref = href(paging.Number, SideBySide),
        });
    }

    /// <summary>The address of part <paramref name="part"/> of a page's change in <paramref name="view"/>: <c>?part=N&amp;view=V#change</c>, defaults left out.</summary>
    public static string PartHref(string path, int part, string view)
    {
        var query = new List<string>();
        if (part > 1) query.Add($"part={part}");
        if (view == SideBySide) query.Add($"view={SideBySide}");
        return $"{path}{(query.Count > 0 ? "?" + string.Join("&", query) : "")}#change";
    }

    public static DiffView From(DocumentDiff diff, TopicClassifier topics)
    {
        var summary = diff.Summary;
        var sections = diff.Sections.Select(s => new SectionDiffView(
            Kind(s.Change.Kind), Kind(s.Change.Kind).ToLowerInvariant(), s.Change.FullPath, s.Change.PreviousTitle,
            $"+{s.Change.WordsAdded} / \u2212{s.Change.WordsRemoved} words",
            Labels(topics, s.Change.Topics),
            s.Hunks.Select(h => new ParagraphDiffView(h.Segments.Select(Segment).ToList()) { Table = TableDiff.Of(h) }).ToList())).ToList();
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

/// <summary>A changed paragraph's word runs; a changed table also as rows (<see cref="TableDiff"/>), which the page shows instead.</summary>
public sealed record ParagraphDiffView(IReadOnlyList<SegmentView> Segments)
{
    public TableDiffView? Table { get; init; }

    /// <summary>What a template loops over to show it (<see cref="DiffParts"/> counts these).</summary>
    public int Runs => Table?.Runs ?? Segments.Count;
}

/// <summary>A run of text: <c>same</c>, <c>ins</c> or <c>del</c>.</summary>
public sealed record SegmentView(string Kind, string Text);
