namespace Snapshots.Changes;

public enum SectionChangeKind
{
    Added,
    Removed,
    /// <summary>The body changed (the heading may have changed too, and the section may also have moved).</summary>
    Modified,
    /// <summary>Only the heading changed; the body is the same.</summary>
    Renamed,
    /// <summary>Same heading and body, at another place among the sections.</summary>
    Moved,
}
