namespace Snapshots.Benchmarks.Rendering;

/// <summary>
/// Samples, every 50 ms, the resident memory of this process and of every process it started (the Playwright driver and
/// the Chromium tree), read from /proc, and keeps the peak of their sum.
/// </summary>
public sealed class ProcessTreeMemory
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    private ProcessTreeMemory() => _sampling = Task.Run(SampleAsync);

    public static ProcessTreeMemory Start() => new();

    public async Task<long> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
        return Math.Max(_peak, Now());
    }

    /// <summary>Resident bytes of this process and its descendants now.</summary>
    public static long Now()
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        }
        var self = Environment.ProcessId;
        var tree = new HashSet<int> { self };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent) in parents)
                if (tree.Contains(parent) && tree.Add(pid)) grew = true;
        }
        return tree.Sum(Resident);
    }

    private static long Resident(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return 0;
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) _peak = Math.Max(_peak, Now());
        }
        catch (OperationCanceledException) { }
    }
}
