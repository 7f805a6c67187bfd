using Microsoft.Azure.Functions.Worker;
using Snapshots.Pipeline;

namespace Snapshots.Functions;

/// <summary>
/// Timer (RENEW_SCHEDULE, daily at 03:30 UTC by default): long-term timestamps stamped again before their certificates expire
/// (Evidence:RenewalMargin).
/// </summary>
public sealed class RenewTimestamps(RenewTimestampsHandler handler, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    [Function(nameof(RenewTimestamps))]
    public async Task Run([TimerTrigger(ScheduleSettings.RenewExpression)] TimerInfo timer, CancellationToken cancellationToken) =>
        await handler.RunAsync(_time.GetUtcNow(), cancellationToken);
}
