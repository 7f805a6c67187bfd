using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Snapshots.Channels;
using Snapshots.Email;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;
using Snapshots.Subscribers;
using StandardWebhooks;

namespace Snapshots.IntegrationTests.Channels;

/// <summary>
/// Delivery channels end to end on Azurite, with loopback receivers that check what they get: a signed webhook verified by the
/// StandardWebhooks package and by a hand-written HMAC, Slack's Block Kit and Teams' Adaptive Card, retries honouring Retry-After,
/// a failing channel parked, disabled and its owner told by email, one delivery for a duplicated message, and the SSRF guard at
/// add time and at send time.
/// </summary>
public sealed class ChannelDeliveryTests
{
    [Fact]
    public async Task A_webhook_receiver_gets_a_signed_verifiable_delivery_of_the_change()
    {
        await using var s = await ChannelScene.StartAsync();
        var added = await s.Channels.AddAsync("owner@example.com", "webhook", s.Receiver.Url.AbsoluteUri, "compliance tickets");
        Assert.StartsWith("whsec_", added.Secret);

        var deliveries = await s.FanOutAsync();
        var result = await s.Handler.HandleAsync(Assert.Single(deliveries));

        Assert.Equal(ChannelDeliveryStatus.Delivered, result.Status);
        var got = Assert.Single(s.Receiver.Received);
        // The package's own verification (signature, and a timestamp within its tolerance)...
        var headers = new HeaderDictionary(got.Headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value)));
        new StandardWebhook(added.Secret!).Verify(got.Body, headers);
        // ...and by hand, as the README tells a receiver to do it.
        var id = got.Header("webhook-id")!;
        var timestamp = got.Header("webhook-timestamp")!;
        var key = Convert.FromBase64String(added.Secret!["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{got.Body}")));
        Assert.Contains(expected, got.Header("webhook-signature")!.Split(' '));
        Assert.Equal(result.WebhookId, id);
        Assert.Matches("^msg_[0-9a-f]{32}$", id);
        Assert.InRange(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.StartsWith("application/json", got.Header("Content-Type"));

        using var payload = JsonDocument.Parse(got.Body);
        Assert.Equal("document.changed", payload.RootElement.GetProperty("type").GetString());
        var data = payload.RootElement.GetProperty("data");
        Assert.Equal("example-ai/privacy-policy", data.GetProperty("document").GetString());
        Assert.Equal("Example AI", data.GetProperty("platformName").GetString());
        Assert.Equal(2, data.GetProperty("version").GetInt64());
        Assert.Equal(s.Change.Severity, data.GetProperty("severity").GetString());
        Assert.False(string.IsNullOrWhiteSpace(data.GetProperty("summary").GetString()));
        Assert.Equal("https://terms.example.org/platforms/example-ai/privacy-policy/versions/2", data.GetProperty("url").GetString());

        var row = await s.Pipeline.Get<DeliveryLedger>().FindAsync(s.Watcher.SubscriberId, DeliverToChannelHandler.LedgerKeyOf(added.Channel.ChannelId, AlertEmail.KeyFor(s.Document.ToString(), s.Change.TextSha256)));
        Assert.Equal("sent", row!.State);
        Assert.Equal(id, row.Reference);
        // The secret is never listed again: only the row keeps it, to sign.
        Assert.Equal(0, (await s.Channels.ListAsync(s.Watcher.SubscriberId)).Single().ConsecutiveFailures);
    }

    [Fact]
    public async Task Slack_and_Teams_receivers_get_a_block_kit_message_and_an_adaptive_card()
    {
        await using var s = await ChannelScene.StartAsync();
        var slack = (await s.Channels.AddAsync("owner@example.com", "slack", s.Receiver.Url.AbsoluteUri + "?team=slack")).Channel;
        var teams = (await s.Channels.AddAsync("owner@example.com", "Teams", s.Receiver.Url.AbsoluteUri + "?team=teams")).Channel;
        Assert.Equal("", slack.Secret);

        foreach (var message in await s.FanOutAsync())
            Assert.Equal(ChannelDeliveryStatus.Delivered, (await s.Handler.HandleAsync(message)).Status);

        Assert.Equal(2, s.Receiver.Received.Count);
        Assert.All(s.Receiver.Received, r => Assert.Null(r.Header("webhook-signature")));
        var slackBody = JsonDocument.Parse(s.Receiver.Received.Single(r => r.Body.Contains("\"blocks\"", StringComparison.Ordinal)).Body).RootElement;
        var blocks = slackBody.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["header", "section", "section", "actions"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        Assert.Contains("Example AI", blocks[0].GetProperty("text").GetProperty("text").GetString());
        var fields = blocks[1].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()).ToList();
        Assert.Equal(["*Platform*\nExample AI", "*Document*\nPrivacy Policy", $"*Severity*\n{s.Change.Severity}", "*Version*\n2"], fields);
        var button = blocks[3].GetProperty("elements")[0];
        Assert.Equal("button", button.GetProperty("type").GetString());
        Assert.Equal("https://terms.example.org/platforms/example-ai/privacy-policy/versions/2", button.GetProperty("url").GetString());
        Assert.Contains("Example AI", slackBody.GetProperty("text").GetString());

        var teamsBody = JsonDocument.Parse(s.Receiver.Received.Single(r => r.Body.Contains("\"attachments\"", StringComparison.Ordinal)).Body).RootElement;
        Assert.Equal("message", teamsBody.GetProperty("type").GetString());
        var attachment = Assert.Single(teamsBody.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.True(Version.Parse(card.GetProperty("version").GetString()!) >= new Version(1, 4));
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card.GetProperty("$schema").GetString());
        var facts = card.GetProperty("body")[1].GetProperty("facts").EnumerateArray().ToDictionary(f => f.GetProperty("title").GetString()!, f => f.GetProperty("value").GetString());
        Assert.Equal("Example AI", facts["Platform"]);
        Assert.Equal(s.Change.Severity, facts["Severity"]);
        var action = Assert.Single(card.GetProperty("actions").EnumerateArray());
        Assert.Equal("Action.OpenUrl", action.GetProperty("type").GetString());
        Assert.Equal("https://terms.example.org/platforms/example-ai/privacy-policy/versions/2", action.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_receiver_answering_503_with_retry_after_is_tried_again_after_that_delay_with_the_same_webhook_id()
    {
        await using var s = await ChannelScene.StartAsync();
        var channel = (await s.Channels.AddAsync("owner@example.com", "webhook", s.Receiver.Url.AbsoluteUri)).Channel;
        s.Receiver.Answer(503, retryAfter: "2");

        var first = await s.Handler.HandleAsync(s.DeliveryTo(channel));

        Assert.Equal(ChannelDeliveryStatus.Retrying, first.Status);
        Assert.Equal(TimeSpan.FromSeconds(2), first.RetryIn);
        var (retry, after) = await s.NextRetryAsync(TimeSpan.FromSeconds(15));
        Assert.True(after >= TimeSpan.FromSeconds(1.8), $"the retry was visible after {after}, before the 2 s the receiver asked for");
        Assert.Equal(1, QueueMessageCodec.Decode<ChannelDelivery>(QueueNames.ChannelDeliveries, retry, 1).Attempt);
        var second = await s.Handler.HandleAsync(retry);

        Assert.Equal(ChannelDeliveryStatus.Delivered, second.Status);
        Assert.Equal(2, s.Receiver.Received.Count);
        Assert.Equal(s.Receiver.Received[0].Header("webhook-id"), s.Receiver.Received[1].Header("webhook-id"));
        Assert.True(s.Receiver.Received[1].ReceivedAt - s.Receiver.Received[0].ReceivedAt >= TimeSpan.FromSeconds(1.8));
    }

    [Fact]
    public async Task A_receiver_that_always_fails_ends_parked_then_the_channel_is_disabled_and_its_owner_told_by_email()
    {
        await using var s = await ChannelScene.StartAsync(new Dictionary<string, string?> { ["Channels:MaxAttempts"] = "2", ["Channels:DisableAfterFailures"] = "2" });
        var channel = (await s.Channels.AddAsync("owner@example.com", "webhook", s.Receiver.Url.AbsoluteUri, "ops hook")).Channel;
        s.Receiver.DefaultStatus = 500;
        var third = await TrackedPlatformsVersion(s, "# Privacy\n\nWe keep your data for 365 days.", hoursAgo: 2);

        // Two deliveries (two changes), each tried twice, each parked after its last attempt.
        foreach (var version in new[] { s.Change, third })
        {
            Assert.Equal(ChannelDeliveryStatus.Retrying, (await s.Handler.HandleAsync(s.DeliveryTo(channel, version))).Status);
            var (retry, _) = await s.NextRetryAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(ChannelDeliveryStatus.Parked, (await s.Handler.HandleAsync(retry)).Status);
        }

        Assert.Equal(4, s.Receiver.Received.Count);
        var parked = (await s.Pipeline.Storage.Queue(QueueNames.PoisonOf(QueueNames.ChannelDeliveries)).PeekMessagesAsync(10)).Value;
        Assert.Equal(2, parked.Length);
        var ledger = s.Pipeline.Get<DeliveryLedger>();
        var row = await ledger.FindAsync(s.Watcher.SubscriberId, DeliverToChannelHandler.LedgerKeyOf(channel.ChannelId, AlertEmail.KeyFor(s.Document.ToString(), s.Change.TextSha256)));
        Assert.Equal("parked", row!.State);
        var disabled = Assert.Single(await s.Channels.ListAsync(s.Watcher.SubscriberId));
        Assert.False(disabled.Enabled);
        Assert.Equal(2, disabled.ConsecutiveFailures);
        Assert.Contains("500", disabled.DisabledReason);

        // The owner's email: queued once, sent through the emails queue's own handler to the outbox.
        var emails = s.Pipeline.Storage.Queue(QueueNames.Emails);
        var requests = (await emails.ReceiveMessagesAsync(32)).Value.Select(m => QueueMessageCodec.Decode<EmailRequest>(QueueNames.Emails, m.MessageText, 1)).ToList();
        var request = Assert.Single(requests, r => r.Kind == "channel-disabled");
        Assert.Equal($"channel-disabled:{channel.ChannelId}", request.MessageKey);
        var sent = await s.Pipeline.Get<SendEmailHandler>().HandleAsync(QueueMessageCodec.Encode(request));
        Assert.Equal(SendStatus.Sent, sent.Status);
        var html = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(s.Outbox, "*.html")));
        Assert.Contains("ops hook", html);
        Assert.Contains(channel.ChannelId, html);
        Assert.Contains("2 deliveries in a row failed", html);
        Assert.DoesNotContain("/hooks/snapshots", html); // the URL's path (a Slack or Teams credential) is never mailed

        // Nothing more goes to a disabled channel.
        var later = await s.Handler.HandleAsync(s.DeliveryTo(channel, await TrackedPlatformsVersion(s, "# Privacy\n\nWe keep nothing.", hoursAgo: 1)));
        Assert.Equal(ChannelDeliveryStatus.Skipped, later.Status);
        Assert.Equal(4, s.Receiver.Received.Count);
    }

    [Fact]
    public async Task A_delivery_queued_twice_is_sent_once_under_one_webhook_id()
    {
        await using var s = await ChannelScene.StartAsync();
        await s.Channels.AddAsync("owner@example.com", "webhook", s.Receiver.Url.AbsoluteUri);
        var message = Assert.Single(await s.FanOutAsync());
        // The notice fanned out again queues the same delivery again.
        var again = Assert.Single(await s.FanOutAsync());
        Assert.Equal(Decode(message) with { RequestedAt = null }, Decode(again) with { RequestedAt = null });

        var first = await s.Handler.HandleAsync(message);
        var second = await s.Handler.HandleAsync(again);

        Assert.Equal(ChannelDeliveryStatus.Delivered, first.Status);
        Assert.Equal(ChannelDeliveryStatus.AlreadyDone, second.Status);
        Assert.Equal(first.WebhookId, second.WebhookId);
        Assert.Single(s.Receiver.Received);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "cloud metadata")]
    [InlineData("http://10.1.2.3/hook", "private network")]
    [InlineData("http://127.0.0.1:9/hook", "loopback")]
    [InlineData("http://[::ffff:169.254.169.254]/hook", "cloud metadata")]
    public async Task A_channel_reaching_a_private_or_metadata_address_is_refused_when_added(string url, string reason)
    {
        await using var s = await ChannelScene.StartAsync();

        var e = await Assert.ThrowsAsync<ChannelRefusedException>(() => s.Channels.AddAsync("owner@example.com", "webhook", url));

        Assert.Contains(reason, e.Message);
        Assert.Empty(await s.Channels.ListAsync(s.Watcher.SubscriberId));
    }

    [Fact]
    public async Task A_channel_whose_address_is_refused_at_send_time_gets_nothing_and_counts_a_failure()
    {
        // A second receiver that the policy does not open (as a host that resolved elsewhere when added would be).
        await using var s = await ChannelScene.StartAsync();
        await using var closed = await ChannelReceiver.StartAsync();
        var channel = new ChannelRecord
        {
            PartitionKey = s.Watcher.SubscriberId, RowKey = "ch_00112233445566ff", Kind = ChannelKind.Webhook, Url = closed.Url.AbsoluteUri,
            Secret = "whsec_" + Convert.ToBase64String(new byte[32]), CreatedAt = DateTimeOffset.UtcNow,
        };
        await s.Pipeline.Storage.Channels.AddEntityAsync(channel);

        var result = await s.Handler.HandleAsync(s.DeliveryTo(channel));

        Assert.Equal(ChannelDeliveryStatus.Failed, result.Status);
        Assert.Contains("loopback", result.Detail);
        Assert.Empty(closed.Received);
        Assert.Equal(1, (await s.Channels.FindAsync(s.Watcher.SubscriberId, channel.ChannelId))!.ConsecutiveFailures);
    }

    [Fact]
    public async Task The_free_plan_is_refused_naming_the_plan_and_the_plans_with_channels()
    {
        await using var s = await ChannelScene.StartAsync();
        await s.Pipeline.Get<SubscriberDirectory>().AddAsync("reader@example.com", "free", ["example-ai"]);

        var e = await Assert.ThrowsAsync<ChannelRefusedException>(() => s.Channels.AddAsync("reader@example.com", "slack", s.Receiver.Url.AbsoluteUri));

        Assert.Contains("the free plan has no delivery channels", e.Message);
        Assert.Contains("watcher and monitor", e.Message);
        Assert.Empty(await s.Channels.ListAsync(EmailAddress.Parse("reader@example.com").Id));
    }

    private static ChannelDelivery Decode(string message) => QueueMessageCodec.Decode<ChannelDelivery>(QueueNames.ChannelDeliveries, message, ChannelDelivery.CurrentVersion);

    private static Task<Snapshots.Archive.VersionRecord> TrackedPlatformsVersion(ChannelScene s, string text, int hoursAgo) =>
        TrackedPlatforms.RecordAsync(s.Pipeline, s.Document, DateTimeOffset.UtcNow.AddHours(-hoursAgo), text);
}
