using Snapshots.Cli.Local;
using Spectre.Console;
using Snapshots.Email;
using Snapshots.Pipeline;
using Snapshots.Storage;

namespace Snapshots.Cli.Commands;

/// <summary>After a local check: run the change fan-out and email sending that the Functions app would run, so a change ends in the outbox.</summary>
public static class LocalDelivery
{
    public static async Task DeliverPendingAsync(CliSession session, IAnsiConsole console, CancellationToken ct)
    {
        var results = new List<SendResult>();
        foreach (var consumer in LocalQueues.Consumers(session.Services, results.Add).Where(c => c.Queue != QueueNames.Capture))
            await consumer.DrainAsync(TimeSpan.FromMinutes(1), ct: ct);
        Report(console, session.Get<IEmailSender>(), results);
    }

    /// <summary>Prints how many emails went out and, for the outbox, the files to open.</summary>
    public static void Report(IAnsiConsole console, IEmailSender sender, IReadOnlyList<SendResult> results)
    {
        var sent = results.Where(r => r.Status == SendStatus.Sent).ToList();
        if (results.Count == 0) return;
        var unsent = results.Where(r => r.Status != SendStatus.Sent).GroupBy(r => r.Status).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}").ToList();
        console.MarkupLineInterpolated($"emails: {sent.Count} sent via {sender.Describe()}{(unsent.Count == 0 ? "" : $", not sent: {string.Join(", ", unsent)}")}");
        foreach (var file in sent.SelectMany(r => r.OutboxFiles))
            console.MarkupLineInterpolated($"  outbox: {file}");
    }
}
