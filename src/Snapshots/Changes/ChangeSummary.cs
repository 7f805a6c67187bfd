using System.Text.Json.Serialization;

namespace Snapshots.Changes;

/// <summary>
/// Section-level summary of what changed between two versions of a document. Stored as JSON in the
/// versions table (see <see cref="ChangeSummaryJson"/>); the counts stay exact when details are trimmed.
/// </summary>
public sealed record ChangeSummary
{
    public const int CurrentVersion = 1;

    public int V { get; init; } = CurrentVersion;

    /// <summary>The first recorded version: everything is reported as added.</summary>
    public bool IsFirst { get; init; }

    public int SectionsAdded { get; init; }

    public int SectionsRemoved { get; init; }

    public int SectionsModified { get; init; }

    public int SectionsRenamed { get; init; }

    public int SectionsMoved { get; init; }

    public int WordsAdded { get; init; }

    public int WordsRemoved { get; init; }

    public int ParagraphsChanged { get; init; }

    /// <summary>Topic ids flagged anywhere in the change, in catalog order.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>Changed sections in document order; removed ones follow the section they used to follow.</summary>
    public IReadOnlyList<SectionChange> Sections { get; init; } = [];

    /// <summary>
    /// Part of the change was too large to compare word by word and was compared coarsely (whole paragraphs removed and
    /// added, see <see cref="WordDiff"/>): its word counts are upper bounds. Left out of the JSON when false.
    /// </summary>
    public bool Coarse { get; init; }

    /// <summary>Section entries dropped to fit the storage limit; their counts remain in the totals.</summary>
    public int OmittedSections { get; init; }

    [JsonIgnore]
    public bool HasChanges => IsFirst || SectionsAdded + SectionsRemoved + SectionsModified + SectionsRenamed + SectionsMoved > 0;

    /// <summary>One line for people, e.g. "2 sections modified (Data retention, Governing law), 1 added (AI training), 1 moved; +124/−37 words".</summary>
    public string Describe() => ChangeDescription.Of(this);
}
