using System.CommandLine;
using Spectre.Console;
using Snapshots.Catalog;

namespace Snapshots.Cli.Commands;

/// <summary><c>snapshots documents import|list|remove</c>.</summary>
public static class DocumentsCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var documents = new Command("documents", "Tracked documents: import declarations, list what is tracked.");

        var path = new Argument<string>("file-or-folder") { Description = "An Open Terms Archive declaration file, a folder of them (e.g. declarations/), or an OTA declarations repository (its root or its declarations/ folder, with *.history.json)." };
        var import = new Command("import", "Validate declarations and add or update their documents. Nothing is written if any declaration is broken; documents with an OTA JavaScript filter are skipped with a warning.") { path };
        import.SetAction((parse, ct) => ImportAsync(environment, parse.GetValue(path)!, ct));
        documents.Subcommands.Add(import);

        var list = new Command("list", "List tracked documents: id, URL, last checked, last changed, versions, consecutive failures.");
        list.SetAction((_, ct) => ListAsync(environment, ct));
        documents.Subcommands.Add(list);
        documents.Subcommands.Add(Remove(environment));
        return documents;
    }

    /// <summary><c>documents remove ID | --platform SLUG [--with-history] [--yes]</c>: stop tracking; versions and blobs go only when asked, followers are named and asked about.</summary>
    private static Command Remove(CliEnvironment environment)
    {
        var id = new Argument<string?>("document") { Description = "The document to stop tracking (platform/terms-type).", Arity = ArgumentArity.ZeroOrOne };
        var platform = new Option<string?>("--platform") { Description = "Stop tracking every document of this platform (slug)." };
        var withHistory = new Option<bool>("--with-history") { Description = "Also delete the recorded versions and archived blobs (refused without it when there are any)." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Remove even though subscribers follow it (they are named; otherwise a terminal asks, and a script is refused)." };
        var remove = new Command("remove", "Stop tracking a document or a platform. Refused if it has recorded versions, unless --with-history (which says how many versions and blobs go); says who follows it and asks first (or --yes).") { id, platform, withHistory, yes };
        remove.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var catalog = session.Get<DocumentCatalog>();
            var (document, slug) = (parse.GetValue(id), parse.GetValue(platform));
            if ((document is null) == (slug is null)) throw new UsageException("documents remove needs a document id or --platform SLUG (one of them).");
            IReadOnlyList<DocumentId> targets = document is not null
                ? [(await catalog.GetAsync(DocumentId.Parse(document), ct)).Id]
                : (await catalog.ListAsync(slug, ct)).Select(d => d.Id).ToList();
            if (targets.Count == 0) throw await UnknownNames.PlatformAsync(catalog, slug!, ct);
            var removal = session.Get<Tracking.DocumentRemoval>();
            var followers = await RemovalFollowers.FindAsync(catalog, session.Get<Subscribers.SubscriberDirectory>(), targets, ct);
            foreach (var line in followers.Describe()) environment.Console.MarkupLineInterpolated($"[yellow]{line}[/]");
            try
            {
                var planned = await removal.PlanAsync(targets, ct);
                if (!parse.GetValue(withHistory) && planned.Items.Any(i => i.Versions > 0 || i.Blobs > 0)) throw new Tracking.HistoryWouldBeLostException(planned);
                if (followers.Count > 0 && !parse.GetValue(yes) && !Confirmed(environment, followers))
                {
                    CliErrors.Refused(environment, $"{followers.Count} subscriber{(followers.Count == 1 ? " follows" : "s follow")} what would be removed; nothing was removed. Add --yes to remove it anyway.");
                    return SnapshotsCli.UsageError;
                }
                var plan = await removal.RemoveAsync(targets, parse.GetValue(withHistory), ct);
                foreach (var item in plan.Items)
                    environment.Console.MarkupLineInterpolated($"removed {item.Document} ({item.Versions} versions, {item.Blobs} blobs)");
                environment.Console.MarkupLineInterpolated($"[green]{plan.Items.Count} documents[/] no longer tracked; {plan.Versions} versions and {plan.Blobs} blobs deleted.");
                return SnapshotsCli.Success;
            }
            catch (Tracking.HistoryWouldBeLostException e)
            {
                CliErrors.Refused(environment, e.Message);
                return SnapshotsCli.UsageError;
            }
        }));
        return remove;
    }

    /// <summary>On a terminal, asks whether to remove what subscribers follow; a script (no terminal) is not asked: it needs --yes.</summary>
    private static bool Confirmed(CliEnvironment environment, RemovalFollowers followers) =>
        environment.Console.Profile.Capabilities.Interactive && !Console.IsInputRedirected
        && environment.Console.Confirm($"Remove it although {followers.Count} subscriber{(followers.Count == 1 ? " follows" : "s follow")} it?", defaultValue: false);

    private static async Task<int> ImportAsync(CliEnvironment environment, string path, CancellationToken ct)
    {
        // Validate before opening storage, so a broken declaration never needs Azurite and never writes anything.
        IReadOnlyList<PlatformDeclaration> platforms;
        try { platforms = DeclarationFiles.Read(path); }
        catch (DeclarationException e)
        {
            CliErrors.Error(environment, e.Message);
            environment.Errors.MarkupLine("[grey]Nothing was imported.[/]");
            return 2;
        }
        var console = environment.Console;
        foreach (var platform in platforms)
        {
            console.MarkupLineInterpolated($"[bold]{platform.Name}[/] → id [bold]{platform.Slug}[/] ({PlatformId.Describe(platform.IdOrigin)}; {Path.GetFileName(platform.SourceFile)})");
            foreach (var skipped in platform.Skipped)
                console.MarkupLineInterpolated($"[yellow]warning:[/] skipped {skipped.Message}");
        }
        return await SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var import = await session.Get<DocumentCatalog>().ImportAsync(platforms, ct);
            foreach (var document in import.Documents)
                console.MarkupLineInterpolated($"{Word(document.Result),-9} {document.Id}");
            console.MarkupLineInterpolated(
                $"[green]{import.Added} imported[/], {import.Updated} updated, {import.Unchanged} unchanged, [yellow]{import.Skipped} skipped[/] ({import.Platforms.Count} platforms).");
            return 0;
        });
    }

    private static Task<int> ListAsync(CliEnvironment environment, CancellationToken ct) =>
        SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var documents = await session.Get<DocumentCatalog>().ListAsync(ct: ct);
            // The id never wraps (it is what people copy into the next command); the URL column wraps instead.
            var table = new Table().AddColumn(new TableColumn("Document").NoWrap()).AddColumns("URL", "Last checked (UTC)", "Last changed (UTC)", "Versions", "Failures");
            foreach (var d in documents)
                table.AddRow(Markup.Escape(d.Id.ToString()), Markup.Escape(d.Urls.Replace(' ', '\n')), Time(d.LastCheckedAt), Time(d.LastChangedAt),
                    d.VersionCount.ToString(), d.ConsecutiveFailures == 0 ? "0" : $"[red]{d.ConsecutiveFailures}[/]");
            environment.Console.Write(table);
            foreach (var failing in documents.Where(d => d.ConsecutiveFailures > 0))
                environment.Console.MarkupLineInterpolated($"[red]failing[/] {failing.Id} since {Time(failing.FailingSince)} UTC: {failing.LastError}");
            environment.Console.MarkupLineInterpolated($"{documents.Count} documents tracked.");
            if (documents.Count == 0) environment.Console.MarkupLineInterpolated($"[yellow]{Capitalized(FirstSteps.ForEmptyStore())}.[/]");
            ParkedAlertsNote(environment.Console, await session.Get<Pipeline.RedriveParkedHandler>().ParkedAlertsAsync(session.Get<TimeProvider>().GetUtcNow(), ct));
            return 0;
        });

    /// <summary>Says when alerts are parked in emails-poison: those that will be retried, and those that stay parked.</summary>
    private static void ParkedAlertsNote(IAnsiConsole console, Pipeline.ParkedAlerts parked)
    {
        var atLeast = parked.Complete ? "" : "at least ";
        if (parked.AwaitingRedrive > 0)
            console.MarkupLineInterpolated($"[yellow]{atLeast}{Alerts(parked.AwaitingRedrive)} parked after failed sends; {(parked.AwaitingRedrive == 1 ? "it" : "they")} will be retried[/] (snapshots queues).");
        if (parked.ParkedForGood > 0)
            console.MarkupLineInterpolated($"[red]{atLeast}{Alerts(parked.ParkedForGood)} parked for good after every retry[/]: snapshots queues redrive --force sends {(parked.ParkedForGood == 1 ? "it" : "them")} again.");
    }

    private static string Alerts(int count) => count == 1 ? "1 alert is" : $"{count} alerts are";

    private static string Word(ImportResult result) => result switch
    {
        ImportResult.Added => "imported",
        ImportResult.Updated => "updated",
        _ => "unchanged",
    };

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    internal static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss") ?? "never";
}
