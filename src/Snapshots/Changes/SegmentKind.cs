namespace Snapshots.Changes;

public enum SegmentKind
{
    Unchanged,
    Inserted,
    Deleted,
}
