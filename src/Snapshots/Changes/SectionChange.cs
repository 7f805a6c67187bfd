using System.Text.Json.Serialization;

namespace Snapshots.Changes;

/// <summary>What happened to one section between two versions.</summary>
public sealed record SectionChange
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public SectionChangeKind Kind { get; init; }

    /// <summary>Heading as a reader sees it (the previous heading for a removed section).</summary>
    public string Title { get; init; } = "";

    /// <summary>Heading path, e.g. "3. Your rights > 3.2 Deletion"; null when it equals <see cref="Title"/>.</summary>
    public string? Path { get; init; }

    /// <summary>The heading before a rename; null when the heading did not change.</summary>
    public string? PreviousTitle { get; init; }

    public int Level { get; init; }

    /// <summary>Position in the current version; -1 for a removed section.</summary>
    public int Position { get; init; }

    /// <summary>Position in the previous version; -1 for an added section.</summary>
    public int PreviousPosition { get; init; }

    /// <summary>A modified or renamed section that also changed place.</summary>
    public bool AlsoMoved { get; init; }

    public int WordsAdded { get; init; }

    public int WordsRemoved { get; init; }

    public int ParagraphsChanged { get; init; }

    /// <summary>Topic ids flagged by the changed text, in catalog order.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    [JsonIgnore]
    public string FullPath => Path ?? Title;

    [JsonIgnore]
    public bool IsRenamed => PreviousTitle is not null;
}
