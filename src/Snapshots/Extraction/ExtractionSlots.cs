using Microsoft.Extensions.Options;

namespace Snapshots.Extraction;

/// <summary>
/// The turns at extraction in this process (<see cref="ExtractionOptions.Concurrency"/>): the CPU-bound step of a check waits
/// here, so documents waiting on the network or storage never hold a core, and parsed pages in memory are bounded by the
/// number of slots, not by the number of documents in flight. One instance per process (a singleton).
/// </summary>
public sealed class ExtractionSlots(IOptions<ExtractionOptions> options)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.Concurrency));

    /// <summary>Runs <paramref name="work"/> once a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            return await work();
        }
        finally
        {
            _slots.Release();
        }
    }
}
