using System.CommandLine;
using Snapshots.Cli.Local;
using Snapshots.Notifications;
using Snapshots.Pipeline;
using Snapshots.Storage;
using Spectre.Console;

namespace Snapshots.Cli.Commands;

/// <summary>
/// <c>snapshots digest --preview EMAIL</c>: write that subscriber's digest to the outbox (no delivery recorded);
/// <c>snapshots digest --send</c>: schedule this week's digests now and send them through the emails queue.
/// </summary>
public static class DigestCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var preview = new Option<string?>("--preview") { Description = "Write this subscriber's digest to the outbox without recording a delivery.", HelpName = "EMAIL" };
        var send = new Option<bool>("--send") { Description = "Run the weekly digest now: enqueue one per subscriber and send them." };
        var digest = new Command("digest", "Preview or send the weekly digest.") { preview, send };
        digest.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var console = environment.Console;
            if (parse.GetValue(preview) is { } email) return await PreviewAsync(session, console, email, ct);
            if (parse.GetValue(send)) return await SendAsync(session, console, ct);
            console.MarkupLine("[yellow]Say what to do:[/] snapshots digest --preview EMAIL, or snapshots digest --send");
            return 2;
        }));
        return digest;
    }

    private static async Task<int> PreviewAsync(CliSession session, IAnsiConsole console, string email, CancellationToken ct)
    {
        var subscriber = await FindByEmailAsync(session.Get<StorageClients>(), email, ct);
        if (subscriber is null)
        {
            console.MarkupLineInterpolated($"[red]error:[/] no subscriber with the address {email}: add one with snapshots subscribers add");
            return 2;
        }
        var now = session.Get<TimeProvider>().GetUtcNow();
        var model = await session.Get<IDigestSource>().BuildAsync(subscriber, now, ct);
        var content = session.Get<DigestComposer>().Render(model);
        var (eml, html) = await session.Get<OutboxEmailSender>().WriteAsync(
            new OutgoingEmail(subscriber.Email, subscriber.SubscriberId, EmailRequest.Digest, EmailRequest.DigestKey(model.IsoWeek), content), ct);
        console.MarkupLineInterpolated($"{content.Subject}");
        console.MarkupLineInterpolated($"  outbox: {eml}");
        console.MarkupLineInterpolated($"  outbox: {html}");
        return 0;
    }

    private static async Task<int> SendAsync(CliSession session, IAnsiConsole console, CancellationToken ct)
    {
        var storage = session.Get<StorageClients>();
        var week = EmailFormat.IsoWeek(session.Get<TimeProvider>().GetUtcNow());
        var publisher = session.Get<QueuePublisher>();
        var scheduled = 0;
        await foreach (var subscriber in storage.Subscribers.QueryAsync<SubscriberRecord>(s => s.RowKey == SubscriberRecord.ProfileRowKey, cancellationToken: ct))
        {
            if (!subscriber.DigestEnabled || subscriber.PlatformList.Count == 0) continue;
            await publisher.SendAsync(QueueNames.Emails, new EmailRequest(EmailRequest.CurrentVersion, EmailRequest.Digest, subscriber.SubscriberId,
                EmailRequest.DigestKey(week), IsoWeek: week, RequestedAt: DateTimeOffset.UtcNow), ct: ct);
            scheduled++;
        }
        console.MarkupLineInterpolated($"Scheduled {scheduled} digests for {week}.");
        var results = new List<SendResult>();
        var emails = LocalQueues.Consumers(session.Services, results.Add).Single(c => c.Queue == QueueNames.Emails);
        await emails.DrainAsync(TimeSpan.FromMinutes(1), ct: ct);
        LocalDelivery.Report(console, session.Get<IEmailSender>(), results);
        return 0;
    }

    private static async Task<SubscriberRecord?> FindByEmailAsync(StorageClients storage, string email, CancellationToken ct)
    {
        var wanted = email.Trim();
        await foreach (var subscriber in storage.Subscribers.QueryAsync<SubscriberRecord>(s => s.RowKey == SubscriberRecord.ProfileRowKey, cancellationToken: ct))
            if (string.Equals(subscriber.Email, wanted, StringComparison.OrdinalIgnoreCase)) return subscriber;
        return null;
    }
}
