using Cronos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Pipeline;
using Snapshots.Storage;
using Spectre.Console;

namespace Snapshots.Cli.Local;

/// <summary>
/// The timers of the local host, on the same settings as the Functions app's timer triggers
/// (<see cref="ScheduleSettings"/>): capture cycles on CAPTURE_SCHEDULE (the first one at start), the weekly digest
/// on DIGEST_SCHEDULE, and the re-drive of parked messages on REDRIVE_SCHEDULE (also at start), and the transparency log's sequencer on LOG_SCHEDULE (and after <c>RunOnceAsync</c>), and the renewal of long-term timestamps on RENEW_SCHEDULE; between ticks the queue
/// consumers run, until cancelled.
/// </summary>
public sealed class LocalTimers(IServiceProvider services, IConfiguration configuration, IAnsiConsole console)
{
    private readonly TimeProvider _clock = services.GetRequiredService<TimeProvider>();
    private readonly ScheduleCapturesHandler _captures = services.GetRequiredService<ScheduleCapturesHandler>();
    private readonly ScheduleDigestsHandler _digests = services.GetRequiredService<ScheduleDigestsHandler>();
    private readonly RedriveParkedHandler _redrive = services.GetRequiredService<RedriveParkedHandler>();
    private readonly SequenceLogHandler _sequencer = services.GetRequiredService<SequenceLogHandler>();
    private readonly RenewTimestampsHandler _renew = services.GetRequiredService<RenewTimestampsHandler>();

    public CronExpression CaptureSchedule { get; } = Parse(configuration, ScheduleSettings.Capture, ScheduleSettings.DefaultCapture);

    public CronExpression DigestSchedule { get; } = Parse(configuration, ScheduleSettings.Digest, ScheduleSettings.DefaultDigest);

    public CronExpression RedriveSchedule { get; } = Parse(configuration, ScheduleSettings.Redrive, ScheduleSettings.DefaultRedrive);

    public CronExpression LogSchedule { get; } = Parse(configuration, ScheduleSettings.Log, ScheduleSettings.DefaultLog);
    public CronExpression RenewSchedule { get; } = Parse(configuration, ScheduleSettings.Renew, ScheduleSettings.DefaultRenew);

    /// <summary>The parked messages that are due back on their queues, one re-drive pass, then every queue until empty.</summary>
    public async Task RunOnceAsync(IReadOnlyList<LocalQueueConsumer> consumers, CancellationToken ct)
    {
        await RedriveAsync(ct);
        var scheduled = await _captures.ScheduleAsync(_clock.GetUtcNow(), ct, spread: TimeSpan.Zero);
        console.MarkupLineInterpolated($"Scheduled {scheduled.Describe()}.");
        await DrainUntilEmptyAsync(consumers, ct);
        await SequenceAsync(ct);
    }

    /// <summary>One sequencer pass of the transparency log; says what it appended and signed.</summary>
    private async Task SequenceAsync(CancellationToken ct)
    {
        var pass = await _sequencer.RunAsync(ct);
        if (pass.Appended > 0) console.MarkupLineInterpolated($"Transparency log: {pass.Appended} leaves appended, size {pass.Size}.");
        if (pass.NewCheckpoint is { } checkpoint)
            console.MarkupLineInterpolated($"Transparency log: checkpoint {checkpoint.Size} signed{(checkpoint.Token is null ? "" : " and timestamped")}.");
        if (pass.CheckpointProblem is { } problem) console.MarkupLineInterpolated($"[yellow]warning:[/] {problem}");
    }

    /// <summary>One re-drive pass over every poison queue; says what it moved and what stays parked.</summary>
    private async Task RedriveAsync(CancellationToken ct)
    {
        var reports = await _redrive.RunAsync(_clock.GetUtcNow(), ct);
        var redriven = reports.Sum(r => r.Redriven);
        var forGood = reports.Sum(r => r.Exhausted);
        if (redriven > 0) console.MarkupLineInterpolated($"Re-drove {redriven} parked messages to their queues.");
        if (forGood > 0) console.MarkupLineInterpolated($"[yellow]warning:[/] {forGood} messages stay parked after every re-drive (snapshots queues).");
    }

    /// <summary>Runs the timers and the consumers until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunUntilStoppedAsync(IReadOnlyList<LocalQueueConsumer> consumers, CancellationToken ct)
    {
        var captures = await _captures.ScheduleAsync(_clock.GetUtcNow(), ct);
        console.MarkupLineInterpolated($"Scheduled {captures.Describe()}, spread over Capture:SpreadWindow. Press Ctrl+C to stop.");

        var next = CaptureSchedule.GetNextOccurrence(_clock.GetUtcNow().UtcDateTime);
        var nextDigest = DigestSchedule.GetNextOccurrence(_clock.GetUtcNow().UtcDateTime);
        DateTime? nextRedrive = _clock.GetUtcNow().UtcDateTime;
        var nextLog = LogSchedule.GetNextOccurrence(_clock.GetUtcNow().UtcDateTime);
        var nextRenewal = RenewSchedule.GetNextOccurrence(_clock.GetUtcNow().UtcDateTime);
        console.MarkupLineInterpolated($"Next capture cycle {next:yyyy-MM-dd HH:mm} UTC, next weekly digest {nextDigest:yyyy-MM-dd HH:mm} UTC.");
        while (!ct.IsCancellationRequested)
        {
            if (next is { } due && _clock.GetUtcNow().UtcDateTime >= due)
            {
                await _captures.ScheduleAsync(_clock.GetUtcNow(), ct);
                next = CaptureSchedule.GetNextOccurrence(_clock.GetUtcNow().UtcDateTime);
            }
            if (nextDigest is { } digestDue && _clock.GetUtcNow().UtcDateTime >= digestDue)
            {
                var scheduled = await _digests.RunAsync(_clock.GetUtcNow(), ct);
                console.MarkupLineInterpolated($"Scheduled {scheduled} weekly digests.");
                nextDigest = DigestSchedule.GetNextOccurrence(_clock.GetUtcNow().UtcDateTime);
            }
            if (nextRedrive is { } redriveDue && _clock.GetUtcNow().UtcDateTime >= redriveDue)
            {
                // A pass that fails (the store is down) is tried again on the next tick; parked messages wait, none is lost.
                try { await RedriveAsync(ct); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    console.MarkupLineInterpolated($"[yellow]warning:[/] re-driving parked messages failed ({e.Message}); trying again on the next tick.");
                }
                nextRedrive = RedriveSchedule.GetNextOccurrence(_clock.GetUtcNow().UtcDateTime);
            }
            if (nextLog is { } logDue && _clock.GetUtcNow().UtcDateTime >= logDue)
            {
                // Pending entries wait in storage: a pass that fails is tried again on the next tick.
                try { await SequenceAsync(ct); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    console.MarkupLineInterpolated($"[yellow]warning:[/] sequencing the transparency log failed ({e.Message}); trying again on the next tick.");
                }
                nextLog = LogSchedule.GetNextOccurrence(_clock.GetUtcNow().UtcDateTime);
            }
            if (nextRenewal is { } renewalDue && _clock.GetUtcNow().UtcDateTime >= renewalDue)
            {
                try
                {
                    var renewal = await _renew.RunAsync(_clock.GetUtcNow(), ct);
                    if (renewal.Renewed + renewal.Unavailable > 0)
                        console.MarkupLineInterpolated($"Renewed the timestamps of {renewal.Renewed} versions ({renewal.Unavailable} due and not renewed).");
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    console.MarkupLineInterpolated($"[yellow]warning:[/] renewing timestamps failed ({e.Message}); trying again on the next schedule.");
                }
                nextRenewal = RenewSchedule.GetNextOccurrence(_clock.GetUtcNow().UtcDateTime);
            }
            try
            {
                var handled = 0;
                foreach (var consumer in consumers) handled += await consumer.DrainAsync(TimeSpan.FromMinutes(5), 16, ct);
                if (handled == 0) await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
        }
    }

    /// <summary>
    /// Processes every queue until all are empty, including delayed capture requests (it waits for them to become visible).
    /// Timestamp requests waiting for a retry (no authority answered) and Wayback captures being polled are not waited for: their delays grow to hours, and
    /// they stay queued for the next run.
    /// </summary>
    public static async Task DrainUntilEmptyAsync(IReadOnlyList<LocalQueueConsumer> consumers, CancellationToken ct)
    {
        while (true)
        {
            var handled = 0;
            foreach (var consumer in consumers) handled += await consumer.DrainAsync(TimeSpan.FromSeconds(10), 4, ct);
            if (handled > 0) continue;
            var pending = 0L;
            foreach (var consumer in consumers.Where(c => c.Queue is not (QueueNames.Timestamps or QueueNames.Wayback))) pending += await consumer.ApproximateCountAsync(ct);
            if (pending == 0) return;
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    private static CronExpression Parse(IConfiguration configuration, string setting, string fallback) =>
        CronExpression.Parse(configuration[setting] ?? fallback, CronFormat.IncludeSeconds);
}
