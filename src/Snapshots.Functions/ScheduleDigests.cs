using Microsoft.Azure.Functions.Worker;
using Snapshots.Pipeline;

namespace Snapshots.Functions;

/// <summary>Timer (DIGEST_SCHEDULE, Mondays 07:00 UTC by default): one digest email message per subscriber due one.</summary>
public sealed class ScheduleDigests(ScheduleDigestsHandler handler, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    [Function(nameof(ScheduleDigests))]
    public async Task Run([TimerTrigger(ScheduleSettings.DigestExpression)] TimerInfo timer, CancellationToken cancellationToken) =>
        await handler.RunAsync(_time.GetUtcNow(), cancellationToken);
}
