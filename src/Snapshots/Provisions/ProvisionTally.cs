namespace Snapshots.Provisions;

/// <summary>How often each provision changed over a document's maps: the version that added it, how many later versions changed it, the last.</summary>
public sealed record ProvisionTally(string Id, long AddedIn, int Changes, long? LastChangedIn)
{
    /// <summary>Every provision id of the maps (oldest first), with its tally.</summary>
    public static IReadOnlyDictionary<string, ProvisionTally> Of(IReadOnlyList<ProvisionMap> maps)
    {
        var tallies = new Dictionary<string, ProvisionTally>(StringComparer.Ordinal);
        foreach (var map in maps)
            foreach (var e in map.Events.Where(e => e.IsChange))
                foreach (var id in e.CurrentIds.Count > 0 ? e.CurrentIds : e.PreviousIds)
                    tallies[id] = tallies.TryGetValue(id, out var t)
                        ? t with { Changes = t.Changes + 1, LastChangedIn = map.Sequence }
                        : new ProvisionTally(id, map.Sequence, 0, null);
        return tallies;
    }
}
