using Snapshots.Email;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Pipeline;
using Snapshots.Storage;
using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// Alerts that met an outage longer than the queue's five attempts (issue 26, "nothing parked for ever"): the provider or the
/// store down, an alert moved to <c>emails-poison</c>, and writes of the delivery row lost. Each alert must reach its reader
/// once after recovery (never twice, never not at all), a message that keeps failing must stop after a bound and be
/// reported, and the reader and the operator must be told while alerts are parked.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class ParkedAlertProbes
{
    [Fact]
    public async Task An_alert_parked_through_a_provider_outage_is_sent_once_by_the_run_loop_after_recovery()
    {
        await using var t = await AlertOutage.StartAsync();
        t.SendGrid!.Down = true;
        await t.QueueAlertAsync();
        await t.FailUntilParkedAsync();

        t.SendGrid.Down = false;
        t.Clock.Advance(TimeSpan.FromHours(1));
        var (exit, output) = await t.Cli.RunAsync("run", "--once", "--declarations", t.DeclarationFile);
        var (again, _) = await t.Cli.RunAsync("run", "--once", "--declarations", t.DeclarationFile);

        Assert.Equal((0, 0), (exit, again));
        Assert.Single(t.SendGrid.Sent);
        Assert.Equal(0, await t.CountAsync(QueueNames.PoisonOf(QueueNames.Emails)));
        Assert.Equal(DeliveryStates.Sent, (await t.DeliveryAsync())!.State);
        Assert.Contains("emails: 1 sent", output);
    }

    [Fact]
    public async Task Queues_redrive_by_hand_sends_a_parked_alert_once_and_a_second_redrive_sends_nothing()
    {
        await using var t = await AlertOutage.StartAsync();
        t.SendGrid!.Down = true;
        await t.QueueAlertAsync();
        await t.FailUntilParkedAsync();
        t.SendGrid.Down = false;

        var (exit, output) = await t.Cli.RunAsync("queues", "redrive", "emails");
        var (again, _) = await t.Cli.RunAsync("queues", "redrive", "emails");

        Assert.True(exit == 0, output);
        Assert.Equal(0, again);
        Assert.Single(t.SendGrid.Sent);
        Assert.Equal(0, await t.CountAsync(QueueNames.PoisonOf(QueueNames.Emails)));
        Assert.Equal(DeliveryStates.Sent, (await t.DeliveryAsync())!.State);
    }

    [Fact]
    public async Task A_sent_mark_the_store_lost_does_not_send_the_alert_again_through_SendGrid()
    {
        await using var t = await AlertOutage.StartAsync();
        var handler = t.Get<SendEmailHandler>();
        // The provider accepts the alert, then the write that marks the delivery sent never reaches the store.
        t.Fault.Refuse("PUT deliveries", times: 1);
        await Assert.ThrowsAnyAsync<Exception>(() => handler.HandleAsync(t.AlertMessage()));
        Assert.Single(t.SendGrid!.Sent);

        t.Clock.Advance(EmailDeliveryOptions.DefaultLease + TimeSpan.FromMinutes(1));
        var retry = await handler.HandleAsync(t.AlertMessage());
        var again = await handler.HandleAsync(t.AlertMessage());

        Assert.Single(t.SendGrid.Sent);
        Assert.NotEqual(SendStatus.Sent, retry.Status);
        Assert.Equal(SendStatus.AlreadyDone, again.Status);
        var row = (await t.DeliveryAsync())!;
        Assert.Equal(DeliveryStates.Sent, row.State);
        Assert.Equal(t.SendGrid.Sent[0].MessageId, row.Reference);
    }

    [Fact]
    public async Task A_sent_mark_the_store_lost_does_not_write_the_alert_to_the_outbox_again()
    {
        await using var t = await AlertOutage.StartAsync(sendGrid: false);
        var handler = t.Get<SendEmailHandler>();
        t.Fault.Refuse("PUT deliveries", times: 1);
        await Assert.ThrowsAnyAsync<Exception>(() => handler.HandleAsync(t.AlertMessage()));
        Assert.Single(t.OutboxEmails);

        t.Clock.Advance(EmailDeliveryOptions.DefaultLease + TimeSpan.FromMinutes(1));
        await handler.HandleAsync(t.AlertMessage());

        Assert.Single(t.OutboxEmails);
        Assert.Equal(DeliveryStates.Sent, (await t.DeliveryAsync())!.State);
    }

    [Fact]
    public async Task A_delivery_row_the_store_lost_whole_does_not_write_the_alert_to_the_outbox_again()
    {
        await using var t = await AlertOutage.StartAsync(sendGrid: false);
        var handler = t.Get<SendEmailHandler>();
        Assert.Equal(SendStatus.Sent, (await handler.HandleAsync(t.AlertMessage())).Status);
        // The store comes back without the row (Azurite killed before it saved it) and the message is delivered again.
        await t.Storage.Deliveries.DeleteEntityAsync(AlertOutage.SubscriberId, DeliveryKeys.Encode(t.AlertKey));
        t.Clock.Advance(TimeSpan.FromMinutes(5));

        await handler.HandleAsync(t.AlertMessage());

        Assert.Single(t.OutboxEmails);
        Assert.Equal(DeliveryStates.Sent, (await t.DeliveryAsync())!.State);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_redriven_a_bounded_number_of_times_then_stays_parked_and_is_reported()
    {
        await using var t = await AlertOutage.StartAsync(settings: new Dictionary<string, string?> { ["Redrive:MaxRedrives"] = "2" });
        t.SendGrid!.Down = true;
        await t.QueueAlertAsync();
        await t.FailUntilParkedAsync();

        var codes = new List<int>();
        for (var round = 0; round < 3; round++)
        {
            codes.Add((await t.Cli.RunAsync("queues", "redrive", "emails")).ExitCode);
            if (await t.CountAsync(QueueNames.Emails) > 0) await t.FailUntilParkedAsync();
        }
        var attempts = t.SendGrid.SendAttempts;
        var (listExit, listing) = await t.Cli.RunAsync("queues");

        Assert.Equal([0, 0, 1], codes);
        Assert.Equal(15, attempts);
        Assert.Equal(1, await t.CountAsync(QueueNames.PoisonOf(QueueNames.Emails)));
        Assert.Equal(0, await t.CountAsync(QueueNames.Emails));
        Assert.Empty(t.SendGrid.Sent);
        Assert.Equal(1, listExit);
        Assert.Contains("emails-poison", listing);
        Assert.Contains("1 parked for good", listing);
    }

    [Fact]
    public async Task The_weekly_digest_tells_the_reader_that_an_alert_is_parked_and_will_be_retried()
    {
        await using var t = await AlertOutage.StartAsync();
        t.SendGrid!.Down = true;
        await t.QueueAlertAsync();
        await t.FailUntilParkedAsync();
        t.SendGrid.Down = false;

        var subscriber = (await t.Get<SubscriberDirectory>().FindAsync(AlertOutage.Email))!;
        var digest = await t.Get<DigestEmail>().PreviewAsync(subscriber, t.Clock.GetUtcNow());

        Assert.Contains("1 alert could not be sent yet", digest.Text);
        Assert.Contains("it will be retried", digest.Text);
        Assert.Contains("1 alert could not be sent yet", digest.Html);
    }

    [Fact]
    public async Task Documents_list_says_that_alerts_are_parked()
    {
        await using var t = await AlertOutage.StartAsync();
        t.SendGrid!.Down = true;
        await t.QueueAlertAsync();
        await t.FailUntilParkedAsync();

        var (exit, output) = await t.Cli.RunAsync("documents", "list");

        Assert.Equal(0, exit);
        Assert.Contains("1 alert is parked after failed sends; it will be retried", output);
    }
}
