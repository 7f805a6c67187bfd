using System.CommandLine;
using Snapshots.Cli.Local;
using Spectre.Console;

namespace Snapshots.Cli.Commands;

/// <summary>
/// <c>snapshots serve [--urls URL]</c>: the web face (archive pages, feeds, API, subscription forms) on the local storage, and the
/// emails queue (so a sign-up's confirmation leaves at once), until Ctrl+C or SIGTERM. Links, feeds and emails use the address it
/// listens on unless <c>Web__PublicBaseUrl</c> is set.
/// </summary>
public static class ServeCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var urls = new Option<string?>("--urls") { Description = $"Where to listen (default {Web.SnapshotsWebsite.DefaultUrl}, or the Web__Urls setting); also the address links use, unless Web__PublicBaseUrl is set." };
        var serve = new Command("serve", "Serve the web face (archive pages, Atom feeds, JSON API, subscriptions) on the local storage, and send the emails it queues.") { urls };
        serve.SetAction((parse, ct) =>
        {
            var address = parse.GetValue(urls) ?? LocalWebsite.UrlsOf(environment);
            // Before the session: the library it registers reads the public address once.
            PublicAddress.FollowListener(environment.Configuration, address);
            return SnapshotsCli.WithSessionAsync(environment, ct, async session =>
            {
                Web.SnapshotsWebsite site;
                try { site = await LocalWebsite.StartAsync(environment, address, ct); }
                catch (IOException e)
                {
                    CliErrors.Error(environment, $"cannot listen on {address} ({e.Message}); is another serve or run there? Choose another address with --urls, e.g. snapshots serve --urls http://localhost:7072");
                    return SnapshotsCli.UsageError;
                }
                await using (site)
                {
                    environment.Console.MarkupLineInterpolated($"Serving the archive at [link]{site.Address}[/], and sending the emails it queues. Press Ctrl+C to stop.");
                    using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, site.Stopping);
                    await EmailsQueueLoop.RunAsync(session.Services, environment.Console, either.Token);
                }
                environment.Console.MarkupLine("[grey]Stopped.[/]");
                return 0;
            });
        });
        return serve;
    }
}
