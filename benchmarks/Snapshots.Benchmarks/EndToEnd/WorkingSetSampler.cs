namespace Snapshots.Benchmarks.EndToEnd;

/// <summary>
/// Samples this process's working set every 20 ms between <see cref="Start"/> and <see cref="StopAsync"/>, so each
/// scenario gets its own peak (<see cref="System.Diagnostics.Process.PeakWorkingSet64"/> only ever grows over the whole process).
/// </summary>
public sealed class WorkingSetSampler
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak = Environment.WorkingSet;

    private WorkingSetSampler() => _sampling = Task.Run(SampleAsync);

    public static WorkingSetSampler Start() => new();

    /// <summary>Stops sampling and returns the highest working set seen, in bytes.</summary>
    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
        Observe();
        return _peak;
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Observe();
        }
        catch (OperationCanceledException) { }
    }

    private void Observe()
    {
        var current = Environment.WorkingSet;
        if (current > Volatile.Read(ref _peak)) Volatile.Write(ref _peak, current);
    }
}
