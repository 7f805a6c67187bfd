namespace Snapshots.Changes;

/// <summary>
/// Compares two versions of a document section by section: sections are paired by heading, then by body
/// (renamed headings); paired sections whose relative order changed are moved, not removed and re-added.
/// Output order is the current document order, so the same inputs always give the same summary.
/// </summary>
public sealed class ChangeSummarizer(TopicClassifier topics)
{
    private const int MaxTitleLength = 160;

    public ChangeSummarizer() : this(TopicClassifier.Default)
    {
    }

    /// <summary>Summary of the change; <paramref name="previous"/> null means the first version.</summary>
    public ChangeSummary Summarize(string? previous, string current) => Compare(previous, current).Summary;

    /// <summary>
    /// The summary of a first version, as <see cref="Summarize"/> gives it for a null previous text but without its list of
    /// sections (a first version "adds" every section; the counts say it all): no hunks are built, words and paragraphs are only counted.
    /// </summary>
    public ChangeSummary SummarizeFirst(string current)
    {
        var sections = SectionSplitter.Split(current);
        return new ChangeSummary
        {
            IsFirst = true,
            SectionsAdded = sections.Count,
            WordsAdded = sections.Sum(s => HeadingWords(s) + WordTokens.CountWords(s.Body)),
            ParagraphsChanged = sections.Sum(s => Paragraphs.Count(s.Body)),
        };
    }

    /// <summary>
    /// Whether <c>diff</c> shows anything between the two texts: a section added, removed, modified, renamed or moved. What
    /// it does not show (a heading's level, its capitals or its numbering; see <see cref="HeadingText.Key"/>) is no change:
    /// two texts it shows nothing between are the same version (<c>Tracking/CheckDecision</c>).
    /// </summary>
    public bool ShowsChange(string previous, string current) => previous != current && Compare(previous, current).Summary.HasChanges;

    /// <summary>Summary plus the hunks of every changed section.</summary>
    public DocumentDiff Compare(string? previous, string current)
    {
        var currentSections = SectionSplitter.Split(current);
        if (previous is null)
            return Build(currentSections.Select(s => Added(s, classify: false)).ToList(), isFirst: true);

        var previousSections = SectionSplitter.Split(previous);
        var pairs = SectionMatcher.Match(previousSections, currentSections);
        var moved = MoveDetector.Moved(pairs);
        var pairedPrevious = pairs.ToDictionary(p => p.Previous.Position, p => p.Current.Position);
        var pairedCurrent = pairs.Select(p => p.Current.Position).ToHashSet();

        var ordered = new List<(int Anchor, int Tie, SectionDiff Diff)>();
        foreach (var pair in pairs)
            if (Paired(pair, moved.Contains(pair.Current.Position)) is { } diff)
                ordered.Add((pair.Current.Position, -1, diff));
        foreach (var section in currentSections.Where(s => !pairedCurrent.Contains(s.Position)))
            ordered.Add((section.Position, -1, Added(section)));
        foreach (var section in previousSections.Where(s => !pairedPrevious.ContainsKey(s.Position)))
        {
            // A removed section is listed after the section that preceded it in the previous version.
            var anchor = previousSections.Take(section.Position).Reverse()
                .Select(s => pairedPrevious.TryGetValue(s.Position, out var at) ? at : (int?)null)
                .FirstOrDefault(at => at is not null) ?? -1;
            ordered.Add((anchor, section.Position, Removed(section)));
        }

        return Build(ordered.OrderBy(o => o.Anchor).ThenBy(o => o.Tie).Select(o => o.Diff).ToList(), isFirst: false);
    }

    private SectionDiff? Paired(SectionPair pair, bool moved)
    {
        var (before, after) = (pair.Previous, pair.Current);
        var renamed = HeadingText.Key(before.Title) != HeadingText.Key(after.Title);
        var hunks = before.Body == after.Body ? [] : WordDiff.Compare(before.Body, after.Body);
        if (!renamed && hunks.Count == 0 && !moved) return null;

        var headingSegments = renamed ? WordDiff.CompareWords(before.Title, after.Title) : [];
        var headingHunk = new DiffHunk(DiffHunkKind.Modified, -1, -1, headingSegments);
        var kind = hunks.Count > 0 ? SectionChangeKind.Modified : renamed ? SectionChangeKind.Renamed : SectionChangeKind.Moved;
        var context = hunks.SelectMany(ChangeContext.Sentences).ToList();
        // The heading says what the changed sentences are about ("How long we keep your data"), so it joins their context.
        if (renamed || hunks.Count > 0) context.Add(after.Title);

        var change = Describe(after, kind) with
        {
            PreviousTitle = renamed ? Shorten(before.Title) : null,
            PreviousPosition = before.Position,
            AlsoMoved = moved && kind != SectionChangeKind.Moved,
            WordsAdded = headingHunk.WordsAdded + hunks.Sum(h => h.WordsAdded),
            WordsRemoved = headingHunk.WordsRemoved + hunks.Sum(h => h.WordsRemoved),
            ParagraphsChanged = hunks.Count,
            Topics = topics.Classify(context),
        };
        return new SectionDiff(change, hunks);
    }

    /// <summary>
    /// A section new in this version. For a document's first version nothing changed yet, so no topic is flagged
    /// (classifying a whole document costs most of a first capture and says nothing about a change).
    /// </summary>
    private SectionDiff Added(Section section, bool classify = true)
    {
        var hunks = WordDiff.Whole(section.Body, DiffHunkKind.Inserted);
        var change = Describe(section, SectionChangeKind.Added) with
        {
            PreviousPosition = -1,
            WordsAdded = HeadingWords(section) + hunks.Sum(h => h.WordsAdded),
            ParagraphsChanged = hunks.Count,
            Topics = classify ? topics.Classify(hunks.Select(h => h.CurrentText).Prepend(section.Title)) : [],
        };
        return new SectionDiff(change, hunks);
    }

    private SectionDiff Removed(Section section)
    {
        var hunks = WordDiff.Whole(section.Body, DiffHunkKind.Deleted);
        var change = Describe(section, SectionChangeKind.Removed) with
        {
            Position = -1,
            PreviousPosition = section.Position,
            WordsRemoved = HeadingWords(section) + hunks.Sum(h => h.WordsRemoved),
            ParagraphsChanged = hunks.Count,
            Topics = topics.Classify(hunks.Select(h => h.PreviousText).Prepend(section.Title)),
        };
        return new SectionDiff(change, hunks);
    }

    private static SectionChange Describe(Section section, SectionChangeKind kind) => new()
    {
        Kind = kind,
        Title = Shorten(section.Title),
        Path = section.Path == section.Title ? null : Shorten(section.Path),
        Level = section.Level,
        Position = section.Position,
    };

    private static int HeadingWords(Section section) => section.IsPreamble ? 0 : WordTokens.CountWords(section.Title);

    private static string Shorten(string text) => text.Length <= MaxTitleLength ? text : text[..(MaxTitleLength - 1)] + "…";

    private DocumentDiff Build(List<SectionDiff> sections, bool isFirst)
    {
        var changes = sections.Select(s => s.Change).ToList();
        int Count(SectionChangeKind kind) => changes.Count(c => c.Kind == kind);
        var summary = new ChangeSummary
        {
            IsFirst = isFirst,
            SectionsAdded = Count(SectionChangeKind.Added),
            SectionsRemoved = Count(SectionChangeKind.Removed),
            SectionsModified = Count(SectionChangeKind.Modified),
            SectionsRenamed = Count(SectionChangeKind.Renamed),
            SectionsMoved = Count(SectionChangeKind.Moved) + changes.Count(c => c.AlsoMoved),
            WordsAdded = changes.Sum(c => c.WordsAdded),
            WordsRemoved = changes.Sum(c => c.WordsRemoved),
            ParagraphsChanged = changes.Sum(c => c.ParagraphsChanged),
            Topics = topics.Order(changes.SelectMany(c => c.Topics)),
            Sections = changes,
            Coarse = sections.Any(s => s.Hunks.Any(h => h.Coarse)),
        };
        return new DocumentDiff(summary, sections);
    }
}
