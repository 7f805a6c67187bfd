using System.CommandLine;
using Cronos;
using Microsoft.Extensions.Configuration;
using Snapshots.Catalog;
using Snapshots.Cli.Local;
using Snapshots.Pipeline;
using Spectre.Console;

namespace Snapshots.Cli.Commands;

/// <summary>
/// <c>snapshots run</c>: the local host. The capture timer (CAPTURE_SCHEDULE, first run at start), the digest timer
/// (DIGEST_SCHEDULE) and the queue consumers,
/// driving the same handlers as the Functions app. Ctrl+C stops cleanly.
/// </summary>
public static class RunCommand
{
    public const string CaptureScheduleSetting = "CAPTURE_SCHEDULE";
    public const string DefaultCaptureSchedule = "0 0 * * * *";
    public const string DigestScheduleSetting = "DIGEST_SCHEDULE";
    public const string DefaultDigestSchedule = "0 0 7 * * 1";

    public static Command Create(CliEnvironment environment)
    {
        var declarations = new Option<string?>("--declarations") { Description = "Import this declaration file or folder first (default: declarations/ when nothing is tracked yet)." };
        var once = new Option<bool>("--once") { Description = "Schedule one capture cycle, process every queue until empty, and exit." };
        var run = new Command("run", "Run the pipeline locally: capture schedule and queue consumers, like the Functions app.") { declarations, once };
        run.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var console = environment.Console;
            var catalog = session.Get<DocumentCatalog>();
            var folder = parse.GetValue(declarations);
            if (folder is null && (await catalog.ListAsync(ct: ct)).Count == 0 && RepositoryRoot.Find() is { } root)
                folder = Path.Combine(root, "declarations");
            if (folder is not null)
            {
                var imported = await catalog.ImportAsync(folder, ct);
                console.MarkupLineInterpolated($"Tracking {imported.Documents.Count} documents from {folder}.");
            }

            var schedule = CronExpression.Parse(environment.Configuration[CaptureScheduleSetting] ?? DefaultCaptureSchedule, CronFormat.IncludeSeconds);
            var scheduler = session.Get<ScheduleCapturesHandler>();
            var consumers = LocalQueues.Consumers(session.Services);
            var clock = session.Get<TimeProvider>();

            if (parse.GetValue(once))
            {
                var immediate = await scheduler.RunAsync(clock.GetUtcNow(), ct, spread: TimeSpan.Zero);
                console.MarkupLineInterpolated($"Scheduled {immediate} capture requests.");
                await DrainUntilEmptyAsync(consumers, ct);
                return 0;
            }
            var requests = await scheduler.RunAsync(clock.GetUtcNow(), ct);
            console.MarkupLineInterpolated($"Scheduled {requests} capture requests (spread over Capture:SpreadWindow). Press Ctrl+C to stop.");

            var digestSchedule = CronExpression.Parse(environment.Configuration[DigestScheduleSetting] ?? DefaultDigestSchedule, CronFormat.IncludeSeconds);
            var digests = session.Get<ScheduleDigestsHandler>();
            var next = schedule.GetNextOccurrence(clock.GetUtcNow().UtcDateTime);
            var nextDigest = digestSchedule.GetNextOccurrence(clock.GetUtcNow().UtcDateTime);
            console.MarkupLineInterpolated($"Next capture cycle {next:yyyy-MM-dd HH:mm} UTC, next weekly digest {nextDigest:yyyy-MM-dd HH:mm} UTC.");
            while (!ct.IsCancellationRequested)
            {
                if (next is { } due && clock.GetUtcNow().UtcDateTime >= due)
                {
                    await scheduler.RunAsync(clock.GetUtcNow(), ct);
                    next = schedule.GetNextOccurrence(clock.GetUtcNow().UtcDateTime);
                }
                if (nextDigest is { } digestDue && clock.GetUtcNow().UtcDateTime >= digestDue)
                {
                    var scheduled = await digests.RunAsync(clock.GetUtcNow(), ct);
                    console.MarkupLineInterpolated($"Scheduled {scheduled} weekly digests.");
                    nextDigest = digestSchedule.GetNextOccurrence(clock.GetUtcNow().UtcDateTime);
                }
                var handled = 0;
                foreach (var consumer in consumers) handled += await consumer.DrainAsync(TimeSpan.FromMinutes(5), 16, ct);
                if (handled == 0)
                {
                    try { await Task.Delay(TimeSpan.FromSeconds(2), ct); }
                    catch (OperationCanceledException) { break; }
                }
            }
            console.MarkupLine("[grey]Stopped.[/]");
            return 0;
        }));
        return run;
    }

    /// <summary>Processes every queue until all are empty, including delayed capture requests (it waits for them to become visible).</summary>
    internal static async Task DrainUntilEmptyAsync(IReadOnlyList<LocalQueueConsumer> consumers, CancellationToken ct)
    {
        while (true)
        {
            var handled = 0;
            foreach (var consumer in consumers) handled += await consumer.DrainAsync(TimeSpan.FromSeconds(10), 4, ct);
            if (handled > 0) continue;
            var pending = 0L;
            foreach (var consumer in consumers) pending += await consumer.ApproximateCountAsync(ct);
            if (pending == 0) return;
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }
}
