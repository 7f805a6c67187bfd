using System.Diagnostics;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Cli;

/// <summary>Ctrl+C (SIGINT) on the real <c>snapshots run</c> process: it says "Stopped." and exits 0, leaving nothing running.</summary>
public sealed class RunInterruptTests
{
    [Fact]
    public async Task Ctrl_C_on_run_prints_Stopped_and_exits_0()
    {
        await using var t = await TrackedSite.StartAsync();
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var file = Path.Combine(Directory.CreateTempSubdirectory("snapshots-run-").FullName, "example-ai.json");
        File.WriteAllText(file, PolicyPages.Declaration("Example AI", ("Privacy Policy", t.Site.Url("/privacy"))));
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Snapshots.Cli.dll"), "run", "--declarations", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["AzureWebJobsStorage"] = t.Pipeline.ConnectionString;
        start.Environment["Fetch__AllowPrivateNetworks"] = "true";
        start.Environment["Capture__SpreadWindow"] = "00:00:00";
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.Contains("Press Ctrl+C", StringComparison.Ordinal)) ready.TrySetResult();
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(2)); // let it reach the queue loop

            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()])) await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(timeout.Token);

            Assert.Equal(0, process.ExitCode);
            lock (output) Assert.Contains("Stopped.", output.ToString());
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
