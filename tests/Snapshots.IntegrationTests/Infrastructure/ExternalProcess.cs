using System.Diagnostics;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>Runs a real program (openssl, sh) to completion and returns its exit code and output; killed if it overruns.</summary>
public static class ExternalProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }

    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} ran past {timeout ?? TimeSpan.FromSeconds(60)}");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Runs the program and fails the test with its output unless it exits 0.</summary>
    public static async Task<Result> RunCheckedAsync(string file, IEnumerable<string> arguments, string workingDirectory)
    {
        var result = await RunAsync(file, arguments, workingDirectory);
        if (result.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {result}");
        return result;
    }
}
