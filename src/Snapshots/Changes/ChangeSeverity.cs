using System.Globalization;

namespace Snapshots.Changes;

/// <summary>How much a change matters to a reader of the document, highest last so that levels compare.</summary>
public enum SeverityLevel
{
    Low = 0,
    Medium = 1,
    High = 2,
}

/// <summary>
/// A change's severity with the reason in words, as a governance analyst would mark a provision:
/// "high: AI training, arbitration; 3 sections modified". Rated from the change's governance topics and its extent
/// (<see cref="Rate"/>), so the same change always gets the same severity.
/// </summary>
public sealed record ChangeSeverity(SeverityLevel Level, string Reason)
{
    /// <summary>Topics whose change alone makes a change high: what the reader consents to, gives up or exposes.</summary>
    public static readonly IReadOnlySet<string> HighTopics = new HashSet<string>(StringComparer.Ordinal)
    {
        "ai-training", "data-sharing-sale", "arbitration", "data-retention", "opt-out-consent", "content-monitoring",
    };

    /// <summary>Words added plus removed from which a change without any topic is medium, and from which any change is high.</summary>
    public const int MediumWords = 40;
    public const int HighWords = 600;

    /// <summary>Sections added, removed or modified from which a change is medium, and from which a change with a topic is high.</summary>
    public const int MediumSections = 2;
    public const int HighSectionsWithTopic = 3;

    public string Label => Name(Level);

    public override string ToString() => $"{Label}: {Reason}";

    public static string Name(SeverityLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>Parses "low", "medium", "high" (any case); anything else is refused with the accepted values named.</summary>
    public static SeverityLevel Parse(string text) =>
        Enum.TryParse<SeverityLevel>(text?.Trim(), ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(text, out _)
            ? level
            : throw new FormatException($"'{text}' is not a severity: use low, medium or high");

    /// <summary>
    /// high: a high-stakes topic (<see cref="HighTopics"/>), or any topic over <see cref="HighSectionsWithTopic"/> or more
    /// sections, or <see cref="HighWords"/> or more words changed; medium: any other topic, or <see cref="MediumSections"/>
    /// or more sections, or <see cref="MediumWords"/> or more words; low: a small edit touching no topic. A first version is low.
    /// </summary>
    public static ChangeSeverity Rate(ChangeSummary summary, TopicCatalog topics)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(topics);
        if (summary.IsFirst) return new ChangeSeverity(SeverityLevel.Low, "first version recorded");

        var labels = summary.Topics.OrderBy(topics.Rank).Select(id => topics.Find(id)?.Label ?? id).ToList();
        var sections = summary.SectionsAdded + summary.SectionsRemoved + summary.SectionsModified;
        var words = summary.WordsAdded + summary.WordsRemoved;
        var extent = Extent(summary);
        var high = summary.Topics.Any(HighTopics.Contains)
            || (summary.Topics.Count > 0 && sections >= HighSectionsWithTopic)
            || words >= HighWords;
        var level = high ? SeverityLevel.High
            : summary.Topics.Count > 0 || sections >= MediumSections || words >= MediumWords ? SeverityLevel.Medium
            : SeverityLevel.Low;
        var reason = labels.Count == 0 ? $"no governance topic; {extent}" : $"{string.Join(", ", labels)}; {extent}";
        return new ChangeSeverity(level, reason);
    }

    private static string Extent(ChangeSummary summary)
    {
        var parts = new List<string>();
        void Add(int count, string what) { if (count > 0) parts.Add($"{count.ToString(CultureInfo.InvariantCulture)} section{(count == 1 ? "" : "s")} {what}"); }
        Add(summary.SectionsModified, "modified");
        Add(summary.SectionsAdded, "added");
        Add(summary.SectionsRemoved, "removed");
        Add(summary.SectionsRenamed, "renamed");
        Add(summary.SectionsMoved, "moved");
        var words = $"+{summary.WordsAdded.ToString(CultureInfo.InvariantCulture)}/\u2212{summary.WordsRemoved.ToString(CultureInfo.InvariantCulture)} words";
        return parts.Count == 0 ? words : $"{string.Join(", ", parts)} ({words})";
    }
}
