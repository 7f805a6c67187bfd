using Snapshots.Catalog;

namespace Snapshots.Subscribers;

/// <summary>
/// A subscriber about to be added, checked against the rules that need no storage: address, plan, tracked platforms, plan limit
/// (a provision counting as its platform). Whether provisions and clause types exist is <see cref="SubscriberDirectory.EnsureExistAsync"/>'s.
/// </summary>
public sealed record NewSubscriber(EmailAddress Address, Plan Plan, Follows Follows, bool AlertsEnabled, bool DigestEnabled)
{
    /// <summary>The platforms followed whole.</summary>
    public IReadOnlyList<string> Platforms => Follows.Platforms;

    /// <summary>Throws <see cref="SubscriberRefusedException"/> or <see cref="UnknownPlanException"/> for the first rule broken.</summary>
    public static NewSubscriber Validate(string email, string plan, IEnumerable<string> platforms, bool alerts, bool digest, IReadOnlySet<string> knownPlatforms) =>
        Validate(email, plan, platforms, Follows.None, alerts, digest, knownPlatforms);

    /// <param name="more">Further follows (provisions, clause types, platforms) read from follow words (<see cref="FollowWords"/>).</param>
    public static NewSubscriber Validate(string email, string plan, IEnumerable<string> platforms, Follows more, bool alerts, bool digest, IReadOnlySet<string> knownPlatforms)
    {
        var address = EmailAddress.Parse(email);
        var chosen = Plans.Find(plan);
        var follows = new Follows(FollowedPlatforms.Normalize(platforms), [], []).Plus(more);
        FollowedPlatforms.EnsureKnown(follows.Platforms, knownPlatforms);
        var counted = follows.CountedPlatforms.Count;
        if (counted > chosen.MaxPlatforms)
            throw follows.Provisions.Count == 0 ? PlanLimitException.Given(chosen, counted) : PlanLimitException.Counted(chosen, follows);
        return new NewSubscriber(address, chosen, follows, alerts, digest);
    }
}

/// <summary>How followed platforms are written: trimmed lower-case slugs, distinct, sorted, space-separated in the profile row.</summary>
public static class FollowedPlatforms
{
    public static IReadOnlyList<string> Normalize(IEnumerable<string> platforms) =>
        platforms.SelectMany(p => p.Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => p.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static void EnsureKnown(IReadOnlyList<string> platforms, IReadOnlySet<string> known)
    {
        var unknown = platforms.Where(p => !known.Contains(p)).ToList();
        if (unknown.Count > 0) throw new UnknownPlatformException(unknown, known.ToList());
    }

    /// <summary>The tracked platforms: the distinct partition keys of the documents table.</summary>
    public static async Task<IReadOnlySet<string>> KnownAsync(DocumentCatalog catalog, CancellationToken ct) =>
        (await catalog.ListAsync(ct: ct)).Select(d => d.PartitionKey).ToHashSet(StringComparer.Ordinal);
}
