using System.Diagnostics;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>Runs the built <c>Snapshots.Cli.dll</c> as its own process against a storage account, its two streams read apart.</summary>
public static class CliProcess
{
    public static Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(string connectionString, params string[] args) =>
        RunAsync(connectionString, new Dictionary<string, string>(), args);

    /// <param name="environment">More environment variables, e.g. <c>Fetch__AllowPrivateNetworks</c> to fetch a loopback test site.</param>
    public static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(string connectionString, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Snapshots.Cli.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AzureWebJobsStorage"] = connectionString;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
