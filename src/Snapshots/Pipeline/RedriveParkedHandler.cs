using Microsoft.Extensions.Logging;
using Snapshots.Email;
using Snapshots.Messaging;
using Snapshots.Storage;

namespace Snapshots.Pipeline;

/// <summary>
/// Timer (REDRIVE_SCHEDULE, every 5 minutes by default), <c>snapshots run</c> and <c>snapshots queues redrive</c>: puts the
/// parked messages of every poison queue back on their queues once their backoff has passed, a bounded number of times
/// (<see cref="ParkedMessages"/>, <see cref="RedrivePolicy"/>). A re-driven email goes through the same delivery ledger as any
/// other, so it is sent once. An email that stays parked is recorded on its delivery row (parked, or parked for good), which is
/// how the weekly digest tells its reader. <see cref="ParkedAlertsAsync"/> counts the alerts parked now, for the command line.
/// </summary>
public sealed class RedriveParkedHandler(ParkedMessages parked, DeliveryLedger deliveries, EmailDeliveryOptions options, ILogger<RedriveParkedHandler> log)
{
    /// <summary>The kinds of email that are alerts (what "alerts are parked" counts).</summary>
    public static readonly IReadOnlyList<string> AlertKinds = [AlertEmail.Kind, ProvisionAlertEmail.Kind];

    /// <summary>One pass over the poison queue of <paramref name="queue"/>, or of every queue.</summary>
    public async Task<IReadOnlyList<ParkedReport>> RunAsync(DateTimeOffset now, CancellationToken ct = default, string? queue = null, RedriveMode mode = RedriveMode.WhenDue)
    {
        var reports = new List<ParkedReport>();
        foreach (var name in queue is null ? QueueNames.All : [queue])
        {
            var report = await parked.RedriveAsync(name, now, mode, ct);
            if (name == QueueNames.Emails) await RecordParkedEmailsAsync(report, ct);
            if (report.Messages.Count > 0)
                log.LogInformation("Parked messages of '{Queue}': {Redriven} re-driven, {Waiting} waiting, {Exhausted} parked for good, {Unreadable} unreadable",
                    QueueNames.PoisonOf(name), report.Redriven, report.Waiting, report.Exhausted, report.Unreadable);
            reports.Add(report);
        }
        return reports;
    }

    /// <summary>The alerts parked in <c>emails-poison</c> now (a look at up to 32 messages, and the queue's approximate count).</summary>
    public async Task<ParkedAlerts> ParkedAlertsAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var report = await parked.LookAsync(QueueNames.Emails, now, ct);
        var alerts = report.Messages.Where(m => m.State != ParkedState.Unreadable && AlertKinds.Contains(RequestOf(m)?.Kind)).ToList();
        return new ParkedAlerts(alerts.Count(m => m.State != ParkedState.Exhausted), alerts.Count(m => m.State == ParkedState.Exhausted),
            Complete: report.Messages.Count >= report.Approximate);
    }

    private async Task RecordParkedEmailsAsync(ParkedReport report, CancellationToken ct)
    {
        foreach (var message in report.Messages.Where(m => m.State is ParkedState.Waiting or ParkedState.Exhausted))
        {
            if (RequestOf(message) is not { } request || string.IsNullOrWhiteSpace(request.SubscriberId) || string.IsNullOrWhiteSpace(request.MessageKey)) continue;
            var forGood = message.State == ParkedState.Exhausted;
            var detail = forGood
                ? $"parked for good in emails-poison after {message.Redrives} re-drives"
                : $"parked in emails-poison after {message.Redrives} re-drives; next re-drive at {message.DueAt:u}";
            await deliveries.RecordParkedAsync(request.SubscriberId, request.MessageKey, request.Kind, forGood, options.SendLease, detail, ct);
        }
    }

    private static EmailRequest? RequestOf(ParkedMessage message)
    {
        if (message.Text is null) return null;
        try { return QueueMessageCodec.Decode<EmailRequest>(QueueNames.Emails, message.Text, EmailRequest.CurrentVersion); }
        catch (MalformedMessageException) { return null; }
    }
}

/// <summary>Alerts parked in <c>emails-poison</c>: still to be re-driven, and parked for good. <see cref="Complete"/>: every parked message was looked at.</summary>
public sealed record ParkedAlerts(int AwaitingRedrive, int ParkedForGood, bool Complete)
{
    public int Total => AwaitingRedrive + ParkedForGood;
}
