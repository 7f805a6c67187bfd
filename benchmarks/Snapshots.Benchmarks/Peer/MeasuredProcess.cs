using System.Diagnostics;
using System.Globalization;

namespace Snapshots.Benchmarks.Peer;

/// <summary>What one run of a command line cost: wall time, peak resident memory (VmHWM) and exit code.</summary>
public sealed record ProcessCost(TimeSpan Wall, long PeakResidentBytes, int ExitCode, string StandardError);

/// <summary>
/// Runs a program to completion, reading its peak resident set (<c>VmHWM</c> in <c>/proc/PID/status</c>, which only
/// grows) every 10 ms, so the last reading before it exits is its peak. Killed with its children on cancellation.
/// </summary>
public static class MeasuredProcess
{
    public static async Task<ProcessCost> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        string workingDirectory, CancellationToken ct)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(ct); // drained so the child never blocks on a full pipe
        var error = process.StandardError.ReadToEndAsync(ct);
        long peak = 0;
        try
        {
            while (!process.HasExited)
            {
                peak = Math.Max(peak, PeakResident(process.Id));
                await Task.Delay(10, ct);
            }
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var wall = Stopwatch.GetElapsedTime(started);
        await output;
        return new ProcessCost(wall, peak, process.ExitCode, await error);
    }

    /// <summary>VmHWM of a running process in bytes, 0 once it is gone.</summary>
    private static long PeakResident(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }
}
