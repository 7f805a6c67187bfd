using System.CommandLine;
using Snapshots.Cli.Local;
using Spectre.Console;

namespace Snapshots.Cli.Commands;

/// <summary><c>snapshots azurite status|stop</c>: the home's own storage emulator, that commands start once and keep running between commands.</summary>
public static class AzuriteCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var azurite = new Command("azurite", "This home's storage emulator (Azurite), that commands start in the background and leave running.");

        var status = new Command("status", "Say whether this home's Azurite is running, and on which ports.");
        status.SetAction(_ => Run(environment, (home, background) =>
        {
            var pid = background.RunningProcessId();
            var ports = background.RunningPorts();
            if (pid is { } id && ports is not null)
                environment.Console.MarkupLineInterpolated($"Azurite is running (process {id}, ports {string.Join(", ", ports)}, data in {background.DataFolder}).");
            else environment.Console.MarkupLineInterpolated($"Azurite is not running; the next command that needs storage starts it (home {home.Path}).");
            if (HomeStorage.IsConfigured(environment.Configuration))
                environment.Console.MarkupLine("AzureWebJobsStorage is set, so commands use that storage, not this home's Azurite.");
            return SnapshotsCli.Success;
        }));
        azurite.Subcommands.Add(status);

        var stop = new Command("stop", "Stop this home's Azurite (its data stays in the home's azurite/ folder); no other Azurite is touched.");
        stop.SetAction(_ => Run(environment, (home, background) =>
        {
            var stopped = background.StopAsync().GetAwaiter().GetResult();
            if (stopped is { } id) environment.Console.MarkupLineInterpolated($"Stopped Azurite (process {id}); its data stays in {background.DataFolder}.");
            else environment.Console.MarkupLineInterpolated($"This home's Azurite is not running (home {home.Path}).");
            return SnapshotsCli.Success;
        }));
        azurite.Subcommands.Add(stop);
        return azurite;
    }

    private static int Run(CliEnvironment environment, Func<SnapshotsHome, BackgroundAzurite, int> body)
    {
        try
        {
            var home = environment.ResolvedHome;
            return body(home, environment.Azurite ?? BackgroundAzurite.For(home));
        }
        catch (AzuriteException e)
        {
            CliErrors.Error(environment, e.Message);
            return SnapshotsCli.UsageError;
        }
    }
}
