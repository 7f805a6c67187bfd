using Snapshots.Subscribers;

namespace Snapshots.Tests.Subscribers;

public sealed class PlanTests
{
    private static readonly HashSet<string> Tracked = Enumerable.Range(1, 30).Select(i => $"platform-{i}").ToHashSet();

    [Fact]
    public void The_plan_table_holds_the_documented_limits()
    {
        Assert.Equal((1, false, true), (Plans.Free.MaxPlatforms, Plans.Free.SameDayAlerts, Plans.Free.WeeklyDigest));
        Assert.Equal((10, true, true), (Plans.Watcher.MaxPlatforms, Plans.Watcher.SameDayAlerts, Plans.Watcher.WeeklyDigest));
        Assert.Equal((25, true, true), (Plans.Monitor.MaxPlatforms, Plans.Monitor.SameDayAlerts, Plans.Monitor.WeeklyDigest));
        Assert.Same(Plans.Watcher, Plans.Find(" Watcher "));
    }

    [Fact]
    public void An_unknown_plan_is_refused_naming_it_and_the_choices()
    {
        var e = Assert.Throws<UnknownPlanException>(() => Plans.Find("gold"));
        Assert.Contains("'gold'", e.Message);
        Assert.Contains("watcher", e.Message);
    }

    [Theory]
    [InlineData("free", 1)]
    [InlineData("watcher", 10)]
    [InlineData("monitor", 25)]
    public void Each_plan_accepts_its_limit_and_refuses_one_more_naming_the_limit(string plan, int limit)
    {
        var atLimit = NewSubscriber.Validate("a@example.com", plan, Tracked.Take(limit), true, true, Tracked);
        Assert.Equal(limit, atLimit.Platforms.Count);

        var e = Assert.Throws<PlanLimitException>(() => NewSubscriber.Validate("a@example.com", plan, Tracked.Take(limit + 1), true, true, Tracked));
        Assert.Contains($"the {plan} plan follows at most {limit} platform", e.Message);
        Assert.Contains($"{limit + 1} given", e.Message);
    }

    [Fact]
    public void Watcher_over_limit_message_reads_as_documented()
    {
        var e = Assert.Throws<PlanLimitException>(() => NewSubscriber.Validate("a@example.com", "watcher", Tracked.Take(12), true, true, Tracked));
        Assert.Equal("the watcher plan follows at most 10 platforms; 12 given", e.Message);
    }

    [Fact]
    public void Platforms_are_normalised_deduplicated_and_unknown_ones_named()
    {
        var subscriber = NewSubscriber.Validate("a@example.com", "monitor", ["Platform-2; platform-1", "platform-2 ", "platform-1"], true, true, Tracked);
        Assert.Equal(["platform-1", "platform-2"], subscriber.Platforms);

        var e = Assert.Throws<UnknownPlatformException>(() => NewSubscriber.Validate("a@example.com", "monitor", ["platform-1", "nowhere-ai"], true, true, Tracked));
        Assert.Contains("'nowhere-ai'", e.Message);
        Assert.DoesNotContain("'platform-1'", e.Message);
    }

    [Fact]
    public void Validation_order_reports_the_address_first_then_the_plan()
    {
        Assert.Throws<InvalidEmailAddressException>(() => NewSubscriber.Validate("nobody", "gold", ["nowhere"], true, true, Tracked));
        Assert.Throws<UnknownPlanException>(() => NewSubscriber.Validate("a@example.com", "gold", ["nowhere"], true, true, Tracked));
    }
}
