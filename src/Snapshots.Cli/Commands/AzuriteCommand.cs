using System.CommandLine;
using Snapshots.Cli.Local;
using Spectre.Console;

namespace Snapshots.Cli.Commands;

/// <summary><c>snapshots azurite status|stop</c>: the local storage emulator that the command starts once and keeps running between commands.</summary>
public static class AzuriteCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var azurite = new Command("azurite", "The local storage emulator (Azurite) that commands start in the background and leave running.");

        var status = new Command("status", "Say whether the Azurite that snapshots started is running.");
        status.SetAction(_ => Run(environment, background =>
        {
            var pid = background.RunningProcessId();
            if (pid is { } id) environment.Console.MarkupLineInterpolated($"Azurite is running (process {id}, data in {background.DataFolder}).");
            else if (background.Ports.All(AzuriteLauncher.IsListening)) environment.Console.MarkupLine("Something else listens on the Azurite ports 10000-10002; snapshots uses it and does not stop it.");
            else environment.Console.MarkupLine("Azurite is not running; the next command that needs storage starts it.");
            return SnapshotsCli.Success;
        }));
        azurite.Subcommands.Add(status);

        var stop = new Command("stop", "Stop the Azurite that snapshots started (its data stays in .azurite/).");
        stop.SetAction(_ => Run(environment, background =>
        {
            var stopped = background.StopAsync().GetAwaiter().GetResult();
            if (stopped is { } id) environment.Console.MarkupLineInterpolated($"Stopped Azurite (process {id}); its data stays in {background.DataFolder}.");
            else if (background.Ports.Any(AzuriteLauncher.IsListening)) environment.Console.MarkupLine("No Azurite started by snapshots is running; something else listens on the Azurite ports and was left alone.");
            else environment.Console.MarkupLine("No Azurite started by snapshots is running.");
            return SnapshotsCli.Success;
        }));
        azurite.Subcommands.Add(stop);
        return azurite;
    }

    private static int Run(CliEnvironment environment, Func<BackgroundAzurite, int> body)
    {
        try { return body(environment.Azurite ?? BackgroundAzurite.ForRepository()); }
        catch (AzuriteException e)
        {
            environment.Console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return SnapshotsCli.UsageError;
        }
    }
}
