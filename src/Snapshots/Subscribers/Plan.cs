namespace Snapshots.Subscribers;

/// <summary>
/// What a subscriber's plan allows: how many platforms they may follow, which emails they may get, and whether alerts may also go
/// to delivery channels (webhooks, Slack, Teams; see <c>Channels/</c>).
/// </summary>
public sealed record Plan(string Name, int MaxPlatforms, bool SameDayAlerts, bool WeeklyDigest, bool DeliveryChannels = false);

/// <summary>The plan table: the one place in code where plan limits live.</summary>
public static class Plans
{
    public static readonly Plan Free = new("free", MaxPlatforms: 1, SameDayAlerts: false, WeeklyDigest: true);
    public static readonly Plan Watcher = new("watcher", MaxPlatforms: 10, SameDayAlerts: true, WeeklyDigest: true, DeliveryChannels: true);
    public static readonly Plan Monitor = new("monitor", MaxPlatforms: 25, SameDayAlerts: true, WeeklyDigest: true, DeliveryChannels: true);

    public static readonly IReadOnlyList<Plan> All = [Free, Watcher, Monitor];

    /// <summary>The plan of that name (case-insensitive, trimmed); an unknown name is refused with the plans there are.</summary>
    public static Plan Find(string name) => TryFind(name) ?? throw new UnknownPlanException(name ?? "");

    /// <summary>The plan of that name, or null when there is none.</summary>
    public static Plan? TryFind(string? name) =>
        All.FirstOrDefault(plan => string.Equals(plan.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}

public sealed class UnknownPlanException(string name)
    : Exception($"unknown plan '{name}': choose one of {string.Join(", ", Plans.All.Select(p => $"{p.Name} ({p.MaxPlatforms} platform{(p.MaxPlatforms == 1 ? "" : "s")}{(p.SameDayAlerts ? ", same-day alerts" : "")}, weekly digest)"))}")
{
    public string Name { get; } = name;
}
