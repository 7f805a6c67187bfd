using System.Diagnostics;
using Snapshots.Cli.Local;

namespace Snapshots.IntegrationTests.Cli;

/// <summary>No loose processes: an Azurite started for a process dies with it; the command's background Azurite lives until <c>azurite stop</c>.</summary>
public sealed class AzuriteProcessTests
{
    [Fact]
    public async Task An_in_memory_Azurite_stops_by_itself_when_the_process_that_started_it_is_killed()
    {
        var root = RepositoryRoot.Find()!;
        using var parent = Process.Start(new ProcessStartInfo("sleep", ["300"]) { UseShellExecute = false })!;
        var azurite = await AzuriteLauncher.StartInMemoryAsync(root, accounts: null, _ => { }, watchedProcessId: parent.Id);
        try
        {
            var node = Process.GetProcessById(azurite.ProcessId);
            Assert.False(node.HasExited);

            parent.Kill();
            await parent.WaitForExitAsync();

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await node.WaitForExitAsync(timeout.Token);
            Assert.True(node.HasExited);
            Assert.False(AzuriteLauncher.IsListening(azurite.BlobPort));
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_background_Azurite_outlives_the_command_that_started_it_until_azurite_stop()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0)).ToList();
        ports.ForEach(l => l.Start());
        var numbers = ports.Select(l => ((System.Net.IPEndPoint)l.LocalEndpoint).Port).ToArray();
        ports.ForEach(l => l.Stop());
        var background = new BackgroundAzurite(Directory.CreateTempSubdirectory("snapshots-azurite-").FullName, numbers[0], numbers[1], numbers[2]);
        var said = new List<string>();
        try
        {
            Assert.True(await background.EnsureRunningAsync(said.Add));
            Assert.False(await background.EnsureRunningAsync(said.Add));
            var pid = background.RunningProcessId();

            Assert.NotNull(pid);
            Assert.Contains(said, s => s.Contains("azurite stop", StringComparison.Ordinal));
            Assert.Single(said);
            Assert.Contains("--disableTelemetry", File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '));
            // Its own session: Ctrl+C on a command (SIGINT to the terminal's process group) does not reach it.
            Assert.NotEqual(Environment.ProcessId, int.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(' ')[5]));

            Assert.Equal(pid, await background.StopAsync());
            Assert.Null(background.RunningProcessId());
            Assert.DoesNotContain(numbers, AzuriteLauncher.IsListening);
        }
        finally
        {
            await background.StopAsync();
        }
    }
}
