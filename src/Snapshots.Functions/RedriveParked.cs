using Microsoft.Azure.Functions.Worker;
using Snapshots.Pipeline;

namespace Snapshots.Functions;

/// <summary>
/// Timer (REDRIVE_SCHEDULE, every 5 minutes by default): parked messages of the poison queues back to their queues once their
/// backoff has passed, a bounded number of times; what stays parked is logged and recorded.
/// </summary>
public sealed class RedriveParked(RedriveParkedHandler handler, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    [Function(nameof(RedriveParked))]
    public async Task Run([TimerTrigger(ScheduleSettings.RedriveExpression)] TimerInfo timer, CancellationToken cancellationToken) =>
        await handler.RunAsync(_time.GetUtcNow(), cancellationToken);
}
