namespace Snapshots.Notifications;

/// <summary>What a subscriber's plan allows: how many platforms they may follow, and which emails they may get.</summary>
public sealed record Plan(string Name, int MaxPlatforms, bool SameDayAlerts, bool WeeklyDigest);

/// <summary>The plan table: the one place in code where plan limits live.</summary>
public static class Plans
{
    public static readonly Plan Free = new("free", MaxPlatforms: 1, SameDayAlerts: false, WeeklyDigest: true);
    public static readonly Plan Watcher = new("watcher", MaxPlatforms: 10, SameDayAlerts: true, WeeklyDigest: true);
    public static readonly Plan Monitor = new("monitor", MaxPlatforms: 25, SameDayAlerts: true, WeeklyDigest: true);

    public static readonly IReadOnlyList<Plan> All = [Free, Watcher, Monitor];

    public static Plan Find(string name) =>
        All.FirstOrDefault(plan => string.Equals(plan.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new UnknownPlanException(name ?? "");
}

public sealed class UnknownPlanException(string name)
    : Exception($"unknown plan '{name}': choose one of {string.Join(", ", Plans.All.Select(p => $"{p.Name} ({p.MaxPlatforms} platform{(p.MaxPlatforms == 1 ? "" : "s")}{(p.SameDayAlerts ? ", same-day alerts" : "")}, weekly digest)"))}")
{
    public string Name { get; } = name;
}
