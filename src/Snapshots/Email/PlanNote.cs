using Snapshots.Subscribers;

namespace Snapshots.Email;

/// <summary>The line both emails carry about the subscriber's plan: what it includes and how to change it.</summary>
internal static class PlanNote
{
    public static string For(string? planName)
    {
        if (string.IsNullOrWhiteSpace(planName)) return "";
        var plan = Plans.TryFind(planName);
        var name = char.ToUpperInvariant(planName.Trim()[0]) + planName.Trim()[1..].ToLowerInvariant();
        var includes = plan is null ? "" : $" ({(plan.SameDayAlerts ? "same-day alerts and " : "")}the weekly digest, up to {plan.MaxPlatforms} platform{(plan.MaxPlatforms == 1 ? "" : "s")})";
        return $"You are on the {name} plan{includes}. To change your plan or the platforms you follow, reply to this email.";
    }
}
