namespace Snapshots.Provisions;

/// <summary>How directly the language says it.</summary>
public enum ClauseConfidence
{
    /// <summary>Only weaker cue words matched, or the language is in the provision's lead-in rather than in the provision.</summary>
    Inferred,

    /// <summary>A pattern of the type matched the provision's own words.</summary>
    Explicit,
}
