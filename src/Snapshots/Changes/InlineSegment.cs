namespace Snapshots.Changes;

/// <summary>
/// A run of text inside a changed paragraph. <see cref="Text"/> is the raw document text,
/// never HTML-encoded: templates encode it when they render.
/// </summary>
public sealed record InlineSegment(SegmentKind Kind, string Text)
{
    public bool IsChange => Kind != SegmentKind.Unchanged;
}
