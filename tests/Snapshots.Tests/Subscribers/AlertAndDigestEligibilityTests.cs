using Snapshots.Subscribers;

namespace Snapshots.Tests.Subscribers;

public sealed class AlertAndDigestEligibilityTests
{
    private static SubscriberRecord Subscriber(string plan, string platforms = "openai", bool alerts = true, bool digest = true, bool suppressed = false) =>
        new() { PartitionKey = new string('a', 64), Plan = plan, Platforms = platforms, AlertsEnabled = alerts, DigestEnabled = digest, Suppressed = suppressed };

    [Fact]
    public void Same_day_alerts_need_a_paid_plan_alerts_on_no_suppression_and_the_platform_still_followed()
    {
        Assert.True(EmailEligibility.GetsAlerts(Subscriber("watcher"), "openai"));
        Assert.True(EmailEligibility.GetsAlerts(Subscriber("monitor", "mistral-ai openai"), "openai"));
        Assert.False(EmailEligibility.GetsAlerts(Subscriber("free"), "openai"));
        Assert.False(EmailEligibility.GetsAlerts(Subscriber("watcher", alerts: false), "openai"));
        Assert.False(EmailEligibility.GetsAlerts(Subscriber("watcher", suppressed: true), "openai"));
        Assert.False(EmailEligibility.GetsAlerts(Subscriber("watcher", "mistral-ai"), "openai"));
        Assert.False(EmailEligibility.GetsAlerts(Subscriber("gold"), "openai"));
    }

    [Fact]
    public void Digests_go_to_every_plan_with_the_digest_on_and_something_followed()
    {
        Assert.True(EmailEligibility.GetsDigest(Subscriber("free")));
        Assert.True(EmailEligibility.GetsDigest(Subscriber("watcher", alerts: false)));
        Assert.False(EmailEligibility.GetsDigest(Subscriber("free", platforms: "")));
        Assert.False(EmailEligibility.GetsDigest(Subscriber("monitor", digest: false)));
        Assert.False(EmailEligibility.GetsDigest(Subscriber("watcher", suppressed: true)));
    }

    [Fact]
    public void An_unknown_plan_gets_neither_email_where_it_once_got_the_digest()
    {
        Assert.False(EmailEligibility.GetsDigest(Subscriber("gold")));
        Assert.False(EmailEligibility.GetsAlerts(Subscriber("gold"), "openai"));
        Assert.False(EmailEligibility.AlertsInPlan(Subscriber("gold")));
        Assert.False(EmailEligibility.DigestInPlan(Subscriber("gold")));
        Assert.True(EmailEligibility.AlertsInPlan(Subscriber("Watcher")));
        Assert.False(EmailEligibility.AlertsInPlan(Subscriber("free")));
        Assert.True(EmailEligibility.DigestInPlan(Subscriber("free")));
    }
}
