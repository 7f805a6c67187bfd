using Snapshots.Ledger;

namespace Snapshots.Pipeline;

/// <summary>
/// The transparency log's sequencer (timer LOG_SCHEDULE, every 5 minutes by default; locally the <c>run</c> loop and
/// <c>snapshots log sequence</c>): pending entries become leaves in order, and the grown tree gets a signed, timestamped checkpoint.
/// </summary>
public sealed class SequenceLogHandler(LogSequencer sequencer)
{
    public Task<SequencerPass> RunAsync(CancellationToken ct = default) => sequencer.RunAsync(ct);
}
