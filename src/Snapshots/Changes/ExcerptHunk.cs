namespace Snapshots.Changes;

/// <summary>A changed paragraph as shown in an excerpt: its section and its segments, with long context cut ("…").</summary>
public sealed record ExcerptHunk(string SectionTitle, SectionChangeKind SectionKind, IReadOnlyList<InlineSegment> Segments);
