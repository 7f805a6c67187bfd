namespace Snapshots.Subscribers;

/// <summary>What one follower is told of a change: everything, or only these provisions (by slug), or nothing.</summary>
public sealed record AlertScope(bool Whole, IReadOnlyList<string> Provisions)
{
    public static readonly AlertScope Everything = new(true, []);
    public static readonly AlertScope Nothing = new(false, []);

    public bool TellsAnything => Whole || Provisions.Count > 0;

    /// <summary>Whether telling this follower about a change of <paramref name="document"/> needs its changed provisions.</summary>
    public static bool NeedsChanges(SubscriberRecord follower, Catalog.DocumentId document)
    {
        var follows = follower.Follows;
        return !(follows.Platforms.Contains(document.Platform, StringComparer.Ordinal) && follows.ClauseTypes.Count == 0);
    }
}
