using Microsoft.Azure.Functions.Worker;
using Snapshots.Pipeline;

namespace Snapshots.Functions;

/// <summary>Timer (CAPTURE_SCHEDULE, hourly by default): one capture message per due document.</summary>
public sealed class ScheduleCaptures(ScheduleCapturesHandler handler, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    [Function(nameof(ScheduleCaptures))]
    public async Task Run([TimerTrigger(ScheduleSettings.CaptureExpression)] TimerInfo timer, CancellationToken cancellationToken) =>
        await handler.RunAsync(_time.GetUtcNow(), cancellationToken);
}
