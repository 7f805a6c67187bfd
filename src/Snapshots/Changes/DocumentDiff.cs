namespace Snapshots.Changes;

/// <summary>The full comparison of two versions: the storable summary and the hunks for excerpts and renderers.</summary>
public sealed record DocumentDiff(ChangeSummary Summary, IReadOnlyList<SectionDiff> Sections);
