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
    public async Task Each_home_runs_its_own_Azurite_on_ports_it_records_reused_while_it_lives_and_stopped_alone()
    {
        var first = new SnapshotsHome(Directory.CreateTempSubdirectory("snapshots-home-").FullName);
        var second = new SnapshotsHome(Directory.CreateTempSubdirectory("snapshots-home-").FullName);
        var (a, b) = (BackgroundAzurite.For(first), BackgroundAzurite.For(second));
        var said = new List<string>();
        try
        {
            var connection = await a.EnsureRunningAsync(first, said.Add);
            Assert.Equal(connection, await a.EnsureRunningAsync(first, said.Add));
            var other = await b.EnsureRunningAsync(second, said.Add);
            var pid = a.RunningProcessId();
            var ports = a.RunningPorts()!;

            Assert.NotNull(pid);
            Assert.Equal(2, said.Count(s => s.Contains("azurite stop", StringComparison.Ordinal)));
            Assert.Empty(ports.Intersect(b.RunningPorts()!));
            Assert.DoesNotContain(10000, ports);
            Assert.Equal(string.Join(' ', ports), File.ReadAllText(Path.Combine(first.AzuriteFolder, "azurite.ports")));
            Assert.Contains("--disableTelemetry", File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '));
            // Its own session: Ctrl+C on a command (SIGINT to the terminal's process group) does not reach it.
            Assert.NotEqual(Environment.ProcessId, int.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(' ')[5]));

            // Two homes, two stores: a table made in one is not in the other.
            await new Azure.Data.Tables.TableServiceClient(connection).CreateTableIfNotExistsAsync("onlyinfirst");
            var tables = new Azure.Data.Tables.TableServiceClient(other).QueryAsync(t => t.Name == "onlyinfirst");
            await foreach (var _ in tables) Assert.Fail("the second home sees the first home's table");

            Assert.Equal(pid, await a.StopAsync());
            Assert.Null(a.RunningProcessId());
            Assert.DoesNotContain(ports, AzuriteLauncher.IsListening);
            Assert.NotNull(b.RunningPorts());

            // Gone: the next start takes new free ports and finds its data again.
            var again = await a.EnsureRunningAsync(first, said.Add);
            var found = false;
            await foreach (var _ in new Azure.Data.Tables.TableServiceClient(again).QueryAsync(t => t.Name == "onlyinfirst")) found = true;
            Assert.True(found);
        }
        finally
        {
            await a.StopAsync();
            await b.StopAsync();
        }
    }
}
