using System.CommandLine;
using Snapshots.Cli.Local;
using Spectre.Console;

namespace Snapshots.Cli.Commands;

/// <summary><c>snapshots serve [--urls URL]</c>: the web face (archive pages, feeds, API, subscription forms) on the local storage, until Ctrl+C.</summary>
public static class ServeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var urls = new Option<string?>("--urls") { Description = $"Where to listen (default {Web.SnapshotsWebsite.DefaultUrl}, or the Web__Urls setting)." };
        var serve = new Command("serve", "Serve the web face (archive pages, Atom feeds, JSON API, subscriptions) on the local storage.") { urls };
        serve.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async _ =>
        {
            var address = parse.GetValue(urls) ?? LocalWebsite.UrlsOf(environment);
            await using var site = await LocalWebsite.StartAsync(environment, address, ct);
            environment.Console.MarkupLineInterpolated($"Serving the archive at [link]{site.Address}[/]. Press Ctrl+C to stop.");
            using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, site.Stopping);
            try { await Task.Delay(Timeout.Infinite, either.Token); }
            catch (OperationCanceledException) { }
            environment.Console.MarkupLine("[grey]Stopped.[/]");
            return 0;
        }));
        return serve;
    }
}
