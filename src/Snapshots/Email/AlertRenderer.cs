using Snapshots.Changes;

namespace Snapshots.Email;

/// <summary>
/// Renders a same-day alert: subject naming platform, document and topics; a structured summary of the sections that changed;
/// a capped diff excerpt; and the evidence block (source, capture time, hashes, version, citation). No I/O.
/// </summary>
internal sealed class AlertRenderer(TopicClassifier topics, EmailTemplates templates)
{
    public const int ExcerptCharacters = 2500;
    public const int ExcerptContextWords = 12;
    public const int SectionsShown = 12;

    /// <param name="planName">The subscriber's plan, named in the footer with how to change it.</param>
    public ComposedEmail Render(AlertContent content, string? planName = null) =>
        RenderForFollowers(content).WithPlanNote(PlanNote.For(planName));

    /// <summary>The alert as every follower gets it, with <see cref="ComposedEmail.PlanNotePlaceholder"/> where each one's plan note goes.</summary>
    public ComposedEmail RenderForFollowers(AlertContent content)
    {
        var view = View(content);
        var layout = new LayoutModel(view.Heading, view.SummaryLine,
            $"You get same-day alerts because you follow {content.PlatformName} on Snapshots. {ComposedEmail.PlanNotePlaceholder}");
        return new ComposedEmail(view.Subject, templates.Html(AlertEmail.Kind, view, layout), templates.Text(AlertEmail.Kind, view, layout), AlertEmail.Kind);
    }

    public string Subject(AlertContent content)
    {
        var summary = content.Diff.Summary;
        if (summary.IsFirst) return $"Snapshots now tracks the {content.PlatformName} {content.TermsType}";
        var fragment = topics.SubjectFragment(summary.Topics);
        var subject = $"[{SeverityOf(content).Label}] {content.PlatformName} changed its {content.TermsType}";
        return fragment.Length == 0 ? subject : $"{subject} \u2014 {fragment}";
    }

    /// <summary>The change's severity, rated from the same comparison the alert shows.</summary>
    public ChangeSeverity SeverityOf(AlertContent content) => ChangeSeverity.Rate(content.Diff.Summary, topics.Catalog);

    private AlertView View(AlertContent content)
    {
        var summary = content.Diff.Summary;
        var excerpt = DiffExcerpt.Build(content.Diff, ExcerptContextWords, ExcerptCharacters);
        var sections = summary.Sections.Take(SectionsShown).Select(Section).ToList();
        var paragraphs = excerpt.Hunks.Select(h => new ParagraphView(h.SectionTitle, LinkTextSegments.Apply(h.Segments.Select(SegmentView.From).ToList()))).ToList();
        var topicLabels = string.Join(", ", topics.Order(summary.Topics).Select(t => topics.Catalog.Find(t)?.Label ?? t));
        var heading = summary.IsFirst
            ? $"{content.PlatformName}: {content.TermsType}, first version"
            : $"{content.PlatformName} changed its {content.TermsType}";
        var evidence = new EvidenceView(
            content.DocumentId,
            content.SourceUrl,
            SourceLink.Href(content.SourceUrl),
            EmailFormat.Time(content.CapturedAt),
            EmailFormat.Number(content.Sequence),
            content.PreviousSha256 ?? "(none: first version)",
            content.Sha256,
            content.CiteLine,
            content.VersionPage?.AbsoluteUri);
        return new AlertView(Subject(content), summary.IsFirst ? "" : $"Severity {SeverityOf(content)}", heading, topicLabels, summary.Describe(),
            "+" + EmailFormat.Number(summary.WordsAdded), "\u2212" + EmailFormat.Number(summary.WordsRemoved),
            sections, summary.Sections.Count - sections.Count + summary.OmittedSections, paragraphs, excerpt.SizeNote, evidence);
    }

    private static SectionView Section(SectionChange change)
    {
        var (kind, color, background) = change.Kind switch
        {
            SectionChangeKind.Added => ("Added", "#065f46", "#d1fae5"),
            SectionChangeKind.Removed => ("Removed", "#991b1b", "#fee2e2"),
            SectionChangeKind.Modified => ("Modified", "#92400e", "#fef3c7"),
            SectionChangeKind.Renamed => ("Renamed", "#1e40af", "#dbeafe"),
            _ => ("Moved", "#374151", "#e5e7eb"),
        };
        var words = change.WordsAdded + change.WordsRemoved == 0
            ? "no words changed"
            : $"+{EmailFormat.Number(change.WordsAdded)} / \u2212{EmailFormat.Number(change.WordsRemoved)} words";
        return new SectionView(kind, color, background, change.FullPath, change.PreviousTitle, words, change.AlsoMoved);
    }
}
