using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Cli;

/// <summary>
/// SIGTERM (kill, systemd, docker stop) on the real <c>run</c> and <c>serve</c> processes stops them as Ctrl+C does: "Stopped.",
/// exit 0, within seconds, and the listening port is free again.
/// </summary>
public sealed class SignalStopTests
{
    [Fact]
    public async Task Kill_stops_run_within_seconds_as_Ctrl_C_does()
    {
        await using var t = await TrackedSite.StartAsync();
        t.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var file = Path.Combine(Directory.CreateTempSubdirectory("snapshots-run-").FullName, "example-ai.json");
        File.WriteAllText(file, PolicyPages.Declaration("Example AI", ("Privacy Policy", t.Site.Url("/privacy"))));
        var port = FreePort();

        var (exit, output) = await StartThenTerminateAsync(t.Pipeline.ConnectionString, port, "run", "--declarations", file);

        Assert.Equal(0, exit);
        Assert.Contains("Stopped.", output);
        Assert.False(IsListening(port), output);
    }

    [Fact]
    public async Task Kill_stops_serve_within_seconds_as_Ctrl_C_does()
    {
        await using var p = await TestPipeline.StartAsync();
        var port = FreePort();

        var (exit, output) = await StartThenTerminateAsync(p.ConnectionString, port, "serve", "--urls", $"http://127.0.0.1:{port}");

        Assert.Equal(0, exit);
        Assert.Contains("Stopped.", output);
        Assert.False(IsListening(port), output);
    }

    private static async Task<(int Exit, string Output)> StartThenTerminateAsync(string connection, int port, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Snapshots.Cli.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["AzureWebJobsStorage"] = connection;
        start.Environment["Fetch__AllowPrivateNetworks"] = "true";
        start.Environment["Capture__SpreadWindow"] = "00:00:00";
        start.Environment["Web__Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Outbox__Path"] = Directory.CreateTempSubdirectory("snapshots-outbox-").FullName;
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.Contains("Press Ctrl+C", StringComparison.Ordinal)) ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
            await Task.Delay(TimeSpan.FromSeconds(2)); // let it reach its queue loop
            Assert.True(IsListening(port));

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(timeout.Token);
            lock (output) return (process.ExitCode, output.ToString());
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static bool IsListening(int port) => Snapshots.Cli.Local.AzuriteLauncher.IsListening(port);
}
