using Microsoft.Azure.Functions.Worker;
using Snapshots.Pipeline;

namespace Snapshots.Functions;

/// <summary>
/// Timer (LOG_SCHEDULE, every 5 minutes by default; timer functions run as a singleton): the transparency log's sequencer gives
/// pending entries their leaves in order and signs (and timestamps) a checkpoint of the grown tree.
/// </summary>
public sealed class SequenceLog(SequenceLogHandler handler)
{
    [Function(nameof(SequenceLog))]
    public async Task Run([TimerTrigger(ScheduleSettings.LogExpression)] TimerInfo timer, CancellationToken cancellationToken) =>
        await handler.RunAsync(cancellationToken);
}
