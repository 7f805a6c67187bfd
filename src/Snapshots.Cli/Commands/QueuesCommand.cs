using System.CommandLine;
using Snapshots.Cli.Local;
using Snapshots.Email;
using Snapshots.Messaging;
using Snapshots.Pipeline;
using Snapshots.Storage;
using Spectre.Console;

namespace Snapshots.Cli.Commands;

/// <summary>
/// <c>snapshots queues</c>: each queue's and poison queue's approximate count, and what is parked (waiting for its next
/// re-drive, parked for good, unreadable); exit code 1 when anything is parked. <c>snapshots queues redrive [QUEUE] [--force]</c>:
/// puts parked messages back on their queues now (within the bound; with --force past it too), then processes them here as
/// <c>snapshots run</c> would (unless --leave-queued); exit code 1 when messages stay parked.
/// </summary>
public static class QueuesCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var queues = new Command("queues", "Show each queue's and poison queue's approximate message count and what is parked; exit code 1 when anything is parked.");
        queues.SetAction((_, ct) => SnapshotsCli.WithSessionAsync(environment, ct, session => ShowAsync(session, environment.Console, ct)));
        queues.Subcommands.Add(Redrive(environment));
        return queues;
    }

    private static Command Redrive(CliEnvironment environment)
    {
        var queue = new Argument<string?>("queue") { Description = $"The queue whose parked messages to re-drive: {string.Join(", ", QueueNames.All)} (or its -poison name). Default: every queue.", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force") { Description = "Also re-drive the messages parked for good (past Redrive:MaxRedrives), once their cause is fixed." };
        var leave = new Option<bool>("--leave-queued") { Description = "Only put them back on their queues, for the Functions app to process (default: process them here, as 'snapshots run' does)." };
        var redrive = new Command("redrive", "Put parked (poison) messages back on their queues now, within the re-drive bound, and process them; each email is still sent at most once.") { queue, force, leave };
        redrive.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var console = environment.Console;
            var name = QueueOf(parse.GetValue(queue));
            var mode = parse.GetValue(force) ? RedriveMode.NowIncludingExhausted : RedriveMode.Now;
            var reports = await session.Get<RedriveParkedHandler>().RunAsync(session.Get<TimeProvider>().GetUtcNow(), ct, name, mode);
            foreach (var report in reports.Where(r => r.Messages.Count > 0))
                console.MarkupLineInterpolated($"{QueueNames.PoisonOf(report.Queue)}: {report.Redriven} re-driven to {report.Queue}{Kept(report)}");
            var redriven = reports.Where(r => r.Redriven > 0).Select(r => r.Queue).ToHashSet(StringComparer.Ordinal);
            if (redriven.Count == 0) console.MarkupLine("Nothing to re-drive.");
            else if (!parse.GetValue(leave))
            {
                var results = new List<SendResult>();
                foreach (var consumer in LocalQueues.Consumers(session.Services, results.Add).Where(c => redriven.Contains(c.Queue)))
                    await consumer.DrainAsync(TimeSpan.FromSeconds(10), ct: ct);
                LocalDelivery.Report(console, session.Get<IEmailSender>(), results);
            }
            foreach (var message in reports.SelectMany(r => r.Messages).Where(m => m.State == ParkedState.Unreadable))
                console.MarkupLineInterpolated($"[red]unreadable[/] {QueueNames.PoisonOf(message.Queue)} {message.MessageId}: {message.Problem}");
            var stuck = reports.Sum(r => r.Exhausted + r.Unreadable);
            if (stuck > 0 && mode != RedriveMode.NowIncludingExhausted && reports.Sum(r => r.Exhausted) > 0)
                console.MarkupLine("[yellow]Messages parked for good were left; once their cause is fixed, snapshots queues redrive --force sends them again.[/]");
            return stuck > 0 ? SnapshotsCli.ProblemFound : SnapshotsCli.Success;
        }));
        return redrive;
    }

    private static async Task<int> ShowAsync(CliSession session, IAnsiConsole console, CancellationToken ct)
    {
        var storage = session.Get<StorageClients>();
        var parked = session.Get<ParkedMessages>();
        var now = session.Get<TimeProvider>().GetUtcNow();
        var table = new Table().AddColumns("Queue", "Messages", "Poison queue", "Parked");
        var notes = new List<string>();
        long parkedTotal = 0;
        foreach (var queue in QueueNames.All)
        {
            var count = (await storage.Queue(queue).GetPropertiesAsync(ct)).Value.ApproximateMessagesCountLong;
            var report = await parked.LookAsync(queue, now, ct);
            parkedTotal += report.Approximate;
            table.AddRow(queue, count.ToString(), QueueNames.PoisonOf(queue), report.Approximate == 0 ? "0" : $"[yellow]{report.Approximate}[/]");
            if (report.Approximate == 0) continue;
            var seen = report.Messages.Count < report.Approximate ? $" (of the {report.Messages.Count} visible now)" : "";
            var next = report.Messages.Where(m => m.DueAt is not null).Select(m => m.DueAt).Min();
            notes.Add($"{QueueNames.PoisonOf(queue)}{seen}: {report.Waiting} waiting for a re-drive{(next is { } due ? $" (next {DocumentsCommands.Time(due)} UTC)" : "")}, " +
                $"{report.Exhausted} parked for good, {report.Unreadable} unreadable");
        }
        console.Write(table);
        foreach (var note in notes) console.MarkupLineInterpolated($"{note}");
        var policy = parked.Policy;
        console.MarkupLineInterpolated($"Parked messages are re-driven up to {policy.MaxRedrives} times, {policy.FirstDelay.TotalMinutes:0} minutes after parking and then twice as long each time (at most {policy.MaxDelay.TotalHours:0.#} hours apart).");
        if (parkedTotal > 0) console.MarkupLine("snapshots queues redrive [[QUEUE]] re-drives them now.");
        return parkedTotal > 0 ? SnapshotsCli.ProblemFound : SnapshotsCli.Success;
    }

    private static string Kept(ParkedReport report)
    {
        var kept = new List<string>();
        if (report.Waiting > 0) kept.Add($"{report.Waiting} waiting");
        if (report.Exhausted > 0) kept.Add($"{report.Exhausted} parked for good");
        if (report.Unreadable > 0) kept.Add($"{report.Unreadable} unreadable");
        return kept.Count == 0 ? "" : $"; left: {string.Join(", ", kept)}";
    }

    /// <summary>The queue a name means (its own or its poison queue's), null for none; anything else is a usage error naming the queues.</summary>
    private static string? QueueOf(string? name)
    {
        if (name is null) return null;
        var trimmed = name.Trim();
        foreach (var queue in QueueNames.All)
            if (trimmed == queue || trimmed == QueueNames.PoisonOf(queue)) return queue;
        throw new UsageException($"unknown queue '{name}': the queues are {string.Join(", ", QueueNames.All)}.");
    }
}
