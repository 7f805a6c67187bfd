using Microsoft.Extensions.Configuration;
using Snapshots.Messaging;

namespace Snapshots.Tests.Messaging;

/// <summary>The backoff and the bound of re-driving parked messages, and the count the message carries.</summary>
public sealed class RedrivePolicyTests
{
    private static readonly DateTimeOffset Parked = new(2026, 11, 16, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_redrive_waits_twice_as_long_as_the_one_before_up_to_the_max_delay()
    {
        var policy = new RedrivePolicy(8, TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));

        var delays = Enumerable.Range(0, 8).Select(n => policy.DelayAfter(n).TotalMinutes).ToList();

        Assert.Equal([5, 10, 20, 40, 60, 60, 60, 60], delays);
        Assert.Equal(Parked.AddMinutes(40), policy.DueAt(Parked, 3));
    }

    [Fact]
    public void The_default_retries_an_alert_for_more_than_an_hour_long_outage_and_stops_after_eight_redrives()
    {
        var policy = RedrivePolicy.Default;

        Assert.True(policy.Span > TimeSpan.FromHours(12), $"span {policy.Span}");
        Assert.False(policy.IsExhausted(7));
        Assert.True(policy.IsExhausted(8));
        Assert.True(policy.IsExhausted(9));
        Assert.Equal(TimeSpan.FromHours(6), policy.DelayAfter(1000));
    }

    [Fact]
    public void A_bound_of_zero_parks_every_message_for_good()
    {
        var policy = RedrivePolicy.Default with { MaxRedrives = 0 };

        Assert.True(policy.IsExhausted(0));
        Assert.Equal(TimeSpan.Zero, policy.Span);
    }

    [Fact]
    public void Settings_are_read_and_a_bad_one_is_named()
    {
        var read = RedrivePolicy.From(Configuration(("Redrive:MaxRedrives", "3"), ("Redrive:FirstDelay", "00:01:00"), ("Redrive:MaxDelay", "00:30:00")));
        var bad = Assert.Throws<InvalidOperationException>(() => RedrivePolicy.From(Configuration(("Redrive:FirstDelay", "soon"))));
        var negative = Assert.Throws<InvalidOperationException>(() => RedrivePolicy.From(Configuration(("Redrive:MaxRedrives", "-1"))));

        Assert.Equal(new RedrivePolicy(3, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30)), read);
        Assert.Equal(RedrivePolicy.Default, RedrivePolicy.From(Configuration()));
        Assert.Contains("Redrive:FirstDelay 'soon'", bad.Message);
        Assert.Contains("Redrive:MaxRedrives '-1'", negative.Message);
    }

    [Fact]
    public void The_count_travels_in_the_message_and_every_other_member_is_kept()
    {
        const string original = """{"v":1,"kind":"alert","subscriberId":"ab","messageKey":"alert:x/y:1"}""";

        Assert.True(RedriveCount.TryRead(original, out var none));
        var once = RedriveCount.With(original, none + 1);
        Assert.True(RedriveCount.TryRead(once, out var one));
        var twice = RedriveCount.With(once, one + 1);
        Assert.True(RedriveCount.TryRead(twice, out var two));

        Assert.Equal((0, 1, 2), (none, one, two));
        Assert.Contains("\"messageKey\":\"alert:x/y:1\"", twice);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(twice, "redrives"));
        Assert.False(RedriveCount.TryRead("[1,2]", out _));
        Assert.False(RedriveCount.TryRead("{not json", out _));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
