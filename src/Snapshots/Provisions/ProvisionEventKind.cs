namespace Snapshots.Provisions;

/// <summary>What happened to a provision between two versions. A kind that changes text ranks above one that does not.</summary>
public enum ProvisionEventKind
{
    /// <summary>Same text (up to white space and line breaks), same place.</summary>
    Unchanged,

    /// <summary>Same text, but its clause number or the numbering of its headings changed ("3.2" → "4.2").</summary>
    Renumbered,

    /// <summary>Same text, now under another heading or out of its former order.</summary>
    Moved,

    /// <summary>Its text changed; the lineage kept its identity (similar text at a similar place).</summary>
    Modified,

    /// <summary>One provision became several: the one most like it keeps its id, the others are new.</summary>
    Split,

    /// <summary>Several provisions became one, which keeps the id of the one most like it.</summary>
    Merged,

    /// <summary>A provision with no counterpart in the previous version.</summary>
    Added,

    /// <summary>A provision with no counterpart in the current version.</summary>
    Removed,
}
