using System.CommandLine;
using Snapshots.Cli.Local;
using Spectre.Console;
using Snapshots.Catalog;

namespace Snapshots.Cli.Commands;

/// <summary>
/// <c>snapshots run</c>: the local host. The capture timer (CAPTURE_SCHEDULE, first run at start), the digest timer
/// (DIGEST_SCHEDULE) and the queue consumers,
/// driving the same handlers as the Functions app. Ctrl+C stops cleanly.
/// </summary>
public static class RunCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var declarations = new Option<string?>("--declarations") { Description = "Import this declaration file or folder first (default: declarations/ when nothing is tracked yet)." };
        var once = new Option<bool>("--once") { Description = "Schedule one capture cycle, process every queue until empty, and exit." };
        var run = new Command("run", "Run the pipeline locally: capture schedule and queue consumers, like the Functions app.") { declarations, once };
        run.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var console = environment.Console;
            var catalog = session.Get<DocumentCatalog>();
            var folder = parse.GetValue(declarations);
            if (folder is null && (await catalog.ListAsync(ct: ct)).Count == 0 && RepositoryRoot.Find() is { } root)
                folder = Path.Combine(root, "declarations");
            if (folder is not null)
            {
                var imported = await catalog.ImportAsync(folder, ct);
                console.MarkupLineInterpolated($"Tracking {imported.Count} documents from {folder}.");
            }

            var consumers = LocalQueues.Consumers(session.Services);
            var timers = new LocalTimers(session.Services, environment.Configuration, console);
            if (parse.GetValue(once))
            {
                await timers.RunOnceAsync(consumers, ct);
                return 0;
            }
            await timers.RunUntilStoppedAsync(consumers, ct);
            console.MarkupLine("[grey]Stopped.[/]");
            return 0;
        }));
        return run;
    }
}
