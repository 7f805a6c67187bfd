using System.CommandLine;
using Snapshots.Cli.Local;
using Spectre.Console;
using Snapshots.Email;
using Snapshots.Pipeline;
using Snapshots.Storage;
using Snapshots.Subscribers;

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
            throw new UsageException("say what to do: snapshots digest --preview EMAIL, or snapshots digest --send");
        }));
        return digest;
    }

    internal static async Task<int> PreviewAsync(CliSession session, IAnsiConsole console, string email, CancellationToken ct)
    {
        var subscriber = await session.Get<SubscriberDirectory>().FindAsync(email, ct);
        if (subscriber is null) throw new UsageException($"no subscriber with the address {email}: add one with snapshots subscribers add");
        var now = session.Get<TimeProvider>().GetUtcNow();
        var content = await session.Get<DigestEmail>().PreviewAsync(subscriber, now, ct);
        var (eml, html) = await session.Get<OutboxEmailSender>().WriteAsync(
            new OutgoingEmail(subscriber.Email, subscriber.SubscriberId, DigestEmail.Kind, DigestEmail.KeyFor(IsoWeek.Of(now).ToString()), content), ct);
        console.MarkupLineInterpolated($"{content.Subject}");
        console.MarkupLineInterpolated($"  outbox: {eml}");
        console.MarkupLineInterpolated($"  outbox: {html}");
        return 0;
    }

    private static async Task<int> SendAsync(CliSession session, IAnsiConsole console, CancellationToken ct)
    {
        var now = session.Get<TimeProvider>().GetUtcNow();
        var scheduled = await session.Get<ScheduleDigestsHandler>().RunAsync(now, ct);
        console.MarkupLineInterpolated($"Scheduled {scheduled} digests for {IsoWeek.Of(now)}.");
        var results = new List<SendResult>();
        var emails = LocalQueues.Consumers(session.Services, results.Add).Single(c => c.Queue == QueueNames.Emails);
        await emails.DrainAsync(TimeSpan.FromMinutes(1), ct: ct);
        LocalDelivery.Report(console, session.Get<IEmailSender>(), results);
        return 0;
    }
}
