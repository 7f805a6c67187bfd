using Snapshots.Notifications;
using Snapshots.Pipeline;

namespace Snapshots.Tests.Notifications;

public sealed class AlertAndDigestEligibilityTests
{
    private static SubscriberRecord Subscriber(string plan, string platforms = "openai", bool alerts = true, bool digest = true, bool suppressed = false) =>
        new() { PartitionKey = new string('a', 64), Plan = plan, Platforms = platforms, AlertsEnabled = alerts, DigestEnabled = digest, Suppressed = suppressed };

    [Fact]
    public void Same_day_alerts_need_a_paid_plan_alerts_on_no_suppression_and_the_platform_still_followed()
    {
        Assert.True(FanOutChangeHandler.GetsAlerts(Subscriber("watcher"), "openai"));
        Assert.True(FanOutChangeHandler.GetsAlerts(Subscriber("monitor", "mistral-ai openai"), "openai"));
        Assert.False(FanOutChangeHandler.GetsAlerts(Subscriber("free"), "openai"));
        Assert.False(FanOutChangeHandler.GetsAlerts(Subscriber("watcher", alerts: false), "openai"));
        Assert.False(FanOutChangeHandler.GetsAlerts(Subscriber("watcher", suppressed: true), "openai"));
        Assert.False(FanOutChangeHandler.GetsAlerts(Subscriber("watcher", "mistral-ai"), "openai"));
        Assert.False(FanOutChangeHandler.GetsAlerts(Subscriber("gold"), "openai"));
    }

    [Fact]
    public void Digests_go_to_every_plan_with_the_digest_on_and_something_followed()
    {
        Assert.True(ScheduleDigestsHandler.GetsDigest(Subscriber("free")));
        Assert.True(ScheduleDigestsHandler.GetsDigest(Subscriber("watcher", alerts: false)));
        Assert.False(ScheduleDigestsHandler.GetsDigest(Subscriber("free", platforms: "")));
        Assert.False(ScheduleDigestsHandler.GetsDigest(Subscriber("monitor", digest: false)));
        Assert.False(ScheduleDigestsHandler.GetsDigest(Subscriber("watcher", suppressed: true)));
    }
}
