using Snapshots.Email;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Pipeline;

namespace Snapshots.IntegrationTests.Email;

/// <summary>
/// A "sent" mark the store lost, with the real SendGrid client: the retry asks SendGrid's activity API for the delivery id and
/// marks the row from its answer. What stays at-least-once is said too: without the activity API the retry sends again.
/// </summary>
public sealed class LostSentMarkTests
{
    [Fact]
    public async Task The_retry_asks_by_the_delivery_id_and_records_the_providers_message_id()
    {
        await using var t = await AlertOutage.StartAsync();
        t.Fault.Refuse("PUT deliveries", times: 1);
        await Assert.ThrowsAnyAsync<Exception>(() => t.Get<SendEmailHandler>().HandleAsync(t.AlertMessage()));
        t.Clock.Advance(EmailDeliveryOptions.DefaultLease + TimeSpan.FromSeconds(1));

        var retry = await t.Get<SendEmailHandler>().HandleAsync(t.AlertMessage());

        Assert.Equal(SendStatus.AlreadyDone, retry.Status);
        var lookup = Assert.Single(t.SendGrid!.Lookups);
        Assert.Equal($"unique_args['delivery']=\"{DeliveryKeys.IdOf(AlertOutage.SubscriberId, t.AlertKey)}\"", lookup);
        var row = (await t.DeliveryAsync())!;
        Assert.Equal((DeliveryStates.Sent, "sg-1", 2), (row.State, row.Reference, row.Attempts));
        Assert.Contains("already had this email", row.Detail);
    }

    [Fact]
    public async Task A_first_attempt_asks_nothing_and_without_the_activity_api_a_retry_sends_again()
    {
        await using var t = await AlertOutage.StartAsync();
        t.SendGrid!.ActivityApi = false;
        t.Fault.Refuse("PUT deliveries", times: 1);
        await Assert.ThrowsAnyAsync<Exception>(() => t.Get<SendEmailHandler>().HandleAsync(t.AlertMessage()));
        var lookupsOnFirst = t.SendGrid.Lookups.Count;
        t.Clock.Advance(EmailDeliveryOptions.DefaultLease + TimeSpan.FromSeconds(1));

        var retry = await t.Get<SendEmailHandler>().HandleAsync(t.AlertMessage());

        Assert.Equal(0, lookupsOnFirst);
        Assert.Equal(SendStatus.Sent, retry.Status);
        Assert.Equal(2, t.SendGrid.Sent.Count);
        Assert.Single(t.SendGrid.Lookups);
    }

    [Fact]
    public async Task A_retry_after_a_throttled_attempt_does_not_ask_for_it_was_refused()
    {
        await using var t = await AlertOutage.StartAsync();
        t.SendGrid!.Down = true;
        await Assert.ThrowsAsync<RetryableSendException>(() => t.Get<SendEmailHandler>().HandleAsync(t.AlertMessage()));
        t.SendGrid.Down = false;

        var retry = await t.Get<SendEmailHandler>().HandleAsync(t.AlertMessage());

        Assert.Equal(SendStatus.Sent, retry.Status);
        Assert.Empty(t.SendGrid.Lookups);
        Assert.Single(t.SendGrid.Sent);
    }
}
