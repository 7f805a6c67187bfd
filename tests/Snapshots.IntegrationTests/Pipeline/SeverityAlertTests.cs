using Snapshots.Changes;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Subscribers;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Pipeline;

/// <summary>A subscriber's minimum severity for same-day alerts, stored on the profile and applied by the fan-out.</summary>
public sealed class SeverityAlertTests
{
    [Fact]
    public async Task Alerts_below_a_subscribers_minimum_severity_are_not_sent_and_everyone_else_gets_every_change()
    {
        await using var p = await TestPipeline.StartAsync();
        var example = (await TrackedPlatforms.DeclareAsync(p, "Example AI", "Privacy Policy"))[0];
        var directory = p.Get<SubscriberDirectory>();
        var everything = await directory.AddAsync("all@example.com", "watcher", ["example-ai"]);
        var onlyHigh = await directory.AddAsync("high@example.com", "watcher", ["example-ai"]);
        onlyHigh = await directory.SetPreferencesAsync(onlyHigh.SubscriberId, alerts: null, digest: null, minimumAlertSeverity: SeverityLevel.High);
        Assert.Equal("high", (await directory.GetAsync("high@example.com")).MinimumAlertSeverity);
        var handler = p.Get<FanOutChangeHandler>();

        var medium = new ChangeNotice(ChangeNotice.CurrentVersion, example.ToString(), 2, new string('a', 64), DateTimeOffset.UtcNow, new string('b', 64), "medium");
        Assert.Equal(1, await handler.HandleAsync(QueueMessageCodec.Encode(medium)));
        Assert.Equal([everything.SubscriberId], await ReceiveSubscribersAsync(p));

        var high = medium with { Sequence = 3, TextSha256 = new string('c', 64), Severity = "high" };
        Assert.Equal(2, await handler.HandleAsync(QueueMessageCodec.Encode(high)));
        Assert.Equal(new[] { everything.SubscriberId, onlyHigh.SubscriberId }.Order(), (await ReceiveSubscribersAsync(p)).Order());

        // A notice queued before severities existed reaches everyone.
        var unrated = medium with { Sequence = 4, TextSha256 = new string('d', 64), Severity = null };
        Assert.Equal(2, await handler.HandleAsync(QueueMessageCodec.Encode(unrated)));
    }

    [Fact]
    public async Task The_cli_sets_the_minimum_severity_and_refuses_an_unknown_one_without_writing()
    {
        await using var p = await TestPipeline.StartAsync();
        await TrackedPlatforms.DeclareAsync(p, "Example AI", "Privacy Policy");
        var cli = new CliRunner(p.Configuration);
        Assert.Equal(0, (await cli.RunAsync("subscribers", "add", "jane@example.com", "--plan", "watcher", "--follow", "example-ai")).ExitCode);

        var (exit, output) = await cli.RunAsync("subscribers", "preferences", "jane@example.com", "--min-severity", "medium");
        Assert.Equal(0, exit);
        Assert.Contains("alerts on (medium severity and above)", output);
        Assert.Equal("medium", (await p.Get<SubscriberDirectory>().GetAsync("jane@example.com")).MinimumAlertSeverity);

        var refused = await cli.RunAsync("subscribers", "preferences", "jane@example.com", "--min-severity", "critical");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("'critical' is not a severity: use low, medium or high", refused.Output);
        Assert.Equal("medium", (await p.Get<SubscriberDirectory>().GetAsync("jane@example.com")).MinimumAlertSeverity);
    }

    private static async Task<IReadOnlyList<string>> ReceiveSubscribersAsync(TestPipeline p)
    {
        var messages = (await p.Storage.Queue(QueueNames.Emails).ReceiveMessagesAsync(32)).Value;
        foreach (var m in messages) await p.Storage.Queue(QueueNames.Emails).DeleteMessageAsync(m.MessageId, m.PopReceipt);
        return messages.Select(m => QueueMessageCodec.Decode<EmailRequest>(QueueNames.Emails, m.MessageText, EmailRequest.CurrentVersion).SubscriberId).ToList();
    }
}
