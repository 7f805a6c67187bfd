using Microsoft.Extensions.Options;

namespace Snapshots.Extraction;

/// <summary>
/// The turns at extraction in this process (<see cref="ExtractionOptions.Concurrency"/>): the CPU-bound step of a check waits
/// here, so documents waiting on the network or storage never hold a core, and parsed pages in memory are bounded by the
/// number of slots, not by the number of documents in flight. One instance per process (a singleton).
/// Each extraction runs on a large-stack thread (<see cref="LargeStack"/>, reused from one extraction to the next). A check that gives up on its extraction (the budget
/// and a grace period passed, or the check was cancelled) cancels it through the token the work was given, and the slot is
/// taken again only once the work has really ended: abandoned work never piles up beside the extractions that follow.
/// </summary>
public sealed class ExtractionSlots(IOptions<ExtractionOptions> options)
{
    /// <summary>How long past its budget a check waits for work that has not reached one of its checks yet.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.Concurrency));
    private int _running;

    /// <summary>Extractions holding a slot now, those given up on but not yet ended included.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>
    /// Runs <paramref name="work"/> once a slot is free, with a token that is cancelled when the caller gives up on it. Past
    /// the budget (<see cref="ExtractionOptions.Budget"/>) and <see cref="GracePeriod"/>, throws what <paramref name="abandoned"/>
    /// makes; the slot stays taken until the work ends.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, T> work, Func<Exception> abandoned, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(abandoned);
        await _slots.WaitAsync(ct);
        Interlocked.Increment(ref _running);
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = LargeStack.Start(() => work(cancel.Token), "extraction");
        _ = running.ContinueWith(ended =>
        {
            _ = ended.Exception;
            cancel.Dispose();
            Interlocked.Decrement(ref _running);
            _slots.Release();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        var limit = options.Value.Budget;
        try
        {
            return limit <= TimeSpan.Zero || limit == Timeout.InfiniteTimeSpan
                ? await running.WaitAsync(ct)
                : await running.WaitAsync(limit + GracePeriod, ct);
        }
        catch (Exception e) when (!running.IsCompleted && e is TimeoutException or OperationCanceledException)
        {
            Cancel(cancel);
            if (e is TimeoutException) throw abandoned();
            throw;
        }
    }

    private static void Cancel(CancellationTokenSource cancel)
    {
        try
        {
            cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The work ended between the give-up and this call: nothing left to cancel.
        }
    }
}
