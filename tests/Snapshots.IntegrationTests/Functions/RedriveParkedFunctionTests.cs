using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Email;
using Snapshots.Functions;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Functions;

/// <summary>
/// The <c>RedriveParked</c> timer function through DI, with the <c>SendEmail</c> function and the real SendGrid client: an alert
/// parked through a provider outage is sent once after recovery, and one that keeps failing stops at the bound, is recorded
/// as parked for good, and the reader's digest says it will not come by itself.
/// </summary>
public sealed class RedriveParkedFunctionTests
{
    [Fact]
    public async Task The_timer_function_redrives_a_parked_alert_once_its_backoff_has_passed_and_it_is_sent_once()
    {
        await using var t = await AlertOutage.StartAsync();
        t.SendGrid!.Down = true;
        await t.QueueAlertAsync();
        await t.FailUntilParkedAsync();
        t.SendGrid.Down = false;

        await Create<RedriveParked>(t).Run(new TimerInfo(), CancellationToken.None);
        var early = await t.CountAsync(QueueNames.Emails);
        t.Clock.Advance(TimeSpan.FromMinutes(6));
        await Create<RedriveParked>(t).Run(new TimerInfo(), CancellationToken.None);
        await DeliverAsync(t);
        await DeliverAsync(t);

        Assert.Equal(0, early);
        Assert.Equal(DeliveryStates.Sent, (await t.DeliveryAsync())!.State);
        var sent = Assert.Single(t.SendGrid.Sent);
        Assert.Equal(DeliveryKeys.IdOf(AlertOutage.SubscriberId, t.AlertKey), sent.CustomArgs[SendGridEmailSender.DeliveryArg]);
        Assert.Equal(0, await t.CountAsync(QueueNames.PoisonOf(QueueNames.Emails)));
    }

    [Fact]
    public async Task An_alert_parked_for_good_is_recorded_and_the_digest_says_it_is_not_retried()
    {
        await using var t = await AlertOutage.StartAsync(settings: new Dictionary<string, string?> { ["Redrive:MaxRedrives"] = "1" });
        t.SendGrid!.Down = true;
        await t.QueueAlertAsync();
        await t.FailUntilParkedAsync();
        t.Clock.Advance(TimeSpan.FromMinutes(6));
        await Create<RedriveParked>(t).Run(new TimerInfo(), CancellationToken.None);
        await t.FailUntilParkedAsync();

        t.Clock.Advance(TimeSpan.FromDays(1));
        await Create<RedriveParked>(t).Run(new TimerInfo(), CancellationToken.None);
        t.SendGrid.Down = false;
        var subscriber = (await t.Get<Snapshots.Subscribers.SubscriberDirectory>().FindAsync(AlertOutage.Email))!;
        var digest = await t.Get<DigestEmail>().PreviewAsync(subscriber, t.Clock.GetUtcNow());

        Assert.Equal(DeliveryStates.ParkedForGood, (await t.DeliveryAsync())!.State);
        Assert.Equal(1, await t.CountAsync(QueueNames.PoisonOf(QueueNames.Emails)));
        Assert.Equal(0, await t.CountAsync(QueueNames.Emails));
        Assert.Equal(10, t.SendGrid.SendAttempts);
        Assert.Contains("1 alert could not be sent after repeated attempts and is parked", digest.Text);
        Assert.DoesNotContain("will be retried", digest.Text);
    }

    private static T Create<T>(AlertOutage t) => ActivatorUtilities.CreateInstance<T>(t.Pipeline.Services);

    /// <summary>Hands each visible <c>emails</c> message to the <c>SendEmail</c> function and deletes it when it returns.</summary>
    private static async Task DeliverAsync(AlertOutage t)
    {
        var queue = t.Storage.Queue(QueueNames.Emails);
        foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
        {
            await Create<SendEmail>(t).Run(message.MessageText, message.MessageId, CancellationToken.None);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }
}
