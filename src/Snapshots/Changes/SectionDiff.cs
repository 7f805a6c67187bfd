namespace Snapshots.Changes;

/// <summary>A changed section with its paragraph hunks (empty for a section that only moved or was renamed).</summary>
public sealed record SectionDiff(SectionChange Change, IReadOnlyList<DiffHunk> Hunks);
