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
        var declarations = new Option<string?>("--declarations") { Description = "Import this declaration file or folder first (default: the documents of the shipped declarations/ that are not tracked yet)." };
        var once = new Option<bool>("--once") { Description = "Schedule one capture cycle, process every queue until empty, and exit." };
        var run = new Command("run", "Run the pipeline locally: capture schedule and queue consumers, like the Functions app.") { declarations, once };
        run.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var console = environment.Console;
            var catalog = session.Get<DocumentCatalog>();
            if (parse.GetValue(declarations) is { } folder)
            {
                var imported = await catalog.ImportAsync(folder, ct);
                console.MarkupLineInterpolated($"Tracking {imported.Documents.Count} documents from {folder}.");
            }
            else if (ShippedFiles.CheckoutDeclarations() is { } shipped)
            {
                var added = await ShippedDeclarations.ImportUntrackedAsync(catalog, shipped, ct);
                if (added.Count > 0) console.MarkupLineInterpolated($"Tracking {added.Count} more documents from {shipped}: {string.Join(", ", added)}.");
            }

            var checks = new List<Tracking.CaptureOutcome>();
            var emails = new List<Pipeline.SendResult>();
            var consumers = LocalQueues.Consumers(session.Services, sent: result => { lock (emails) emails.Add(result); }, captured: outcome => { lock (checks) checks.Add(outcome); });
            var timers = new LocalTimers(session.Services, environment.Configuration, console);
            if (parse.GetValue(once))
            {
                await timers.RunOnceAsync(consumers, ct);
                var failed = checks.Count(c => c.Status == Tracking.CaptureStatus.Failed);
                console.MarkupLineInterpolated($"{CheckCommand.Checked(checks)}");
                LocalDelivery.Report(console, session.Get<Email.IEmailSender>(), emails);
                // Like check: exit code 1 when the checks found a problem (every one of them failed).
                return checks.Count > 0 && failed == checks.Count ? SnapshotsCli.ProblemFound : SnapshotsCli.Success;
            }
            await using var site = await TryServeAsync(environment, console, ct);
            await timers.RunUntilStoppedAsync(consumers, ct);
            // Ctrl+C is how run is meant to stop: a message being handled is left on its queue to reappear, nothing is lost.
            console.MarkupLine("[grey]Stopped.[/]");
            return SnapshotsCli.Success;
        }));
        return run;
    }

    /// <summary>The web face on the same storage; a busy port is said and the pipeline runs without it.</summary>
    private static async Task<Web.SnapshotsWebsite?> TryServeAsync(CliEnvironment environment, IAnsiConsole console, CancellationToken ct)
    {
        var urls = LocalWebsite.UrlsOf(environment);
        try
        {
            var site = await LocalWebsite.StartAsync(environment, urls, ct);
            console.MarkupLineInterpolated($"Serving the archive at [link]{site.Address}[/].");
            return site;
        }
        catch (IOException e)
        {
            console.MarkupLineInterpolated($"[yellow]warning:[/] the web face could not listen on {urls} ({e.Message}); set Web__Urls to another address. The pipeline runs without it.");
            return null;
        }
    }
}
