using System.CommandLine;
using Spectre.Console;
using Snapshots.Catalog;

namespace Snapshots.Cli.Commands;

/// <summary><c>snapshots documents import|list</c>.</summary>
public static class DocumentsCommands
{
    public static Command Create(CliEnvironment environment)
    {
        var documents = new Command("documents", "Tracked documents: import declarations, list what is tracked.");

        var path = new Argument<string>("file-or-folder") { Description = "An Open Terms Archive declaration file, or a folder of them (e.g. declarations/)." };
        var import = new Command("import", "Validate declarations and add or update their documents. Nothing is written if any declaration is broken.") { path };
        import.SetAction((parse, ct) => ImportAsync(environment, parse.GetValue(path)!, ct));
        documents.Subcommands.Add(import);

        var list = new Command("list", "List tracked documents: id, URL, last checked, last changed, versions, consecutive failures.");
        list.SetAction((_, ct) => ListAsync(environment, ct));
        documents.Subcommands.Add(list);
        return documents;
    }

    private static async Task<int> ImportAsync(CliEnvironment environment, string path, CancellationToken ct)
    {
        // Validate before opening storage, so a broken declaration never needs Azurite and never writes anything.
        try { DeclarationFiles.Read(path); }
        catch (DeclarationException e)
        {
            environment.Console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            environment.Console.MarkupLine("[grey]Nothing was imported.[/]");
            return 2;
        }
        return await SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var imported = await session.Get<DocumentCatalog>().ImportAsync(path, ct);
            foreach (var document in imported)
                environment.Console.MarkupLineInterpolated($"{document.Result.ToString().ToLowerInvariant(),-9} {document.Id}");
            environment.Console.MarkupLineInterpolated($"[green]{imported.Count} documents[/] ({imported.Count(d => d.Result == ImportResult.Added)} added, {imported.Count(d => d.Result == ImportResult.Updated)} updated).");
            return 0;
        });
    }

    private static Task<int> ListAsync(CliEnvironment environment, CancellationToken ct) =>
        SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var documents = await session.Get<DocumentCatalog>().ListAsync(ct: ct);
            var table = new Table().AddColumns("Document", "URL", "Last checked (UTC)", "Last changed (UTC)", "Versions", "Failures");
            foreach (var d in documents)
                table.AddRow(Markup.Escape(d.Id.ToString()), Markup.Escape(d.Urls.Replace(' ', '\n')), Time(d.LastCheckedAt), Time(d.LastChangedAt),
                    d.VersionCount.ToString(), d.ConsecutiveFailures == 0 ? "0" : $"[red]{d.ConsecutiveFailures}[/]");
            environment.Console.Write(table);
            foreach (var failing in documents.Where(d => d.ConsecutiveFailures > 0))
                environment.Console.MarkupLineInterpolated($"[red]failing[/] {failing.Id} since {Time(failing.FailingSince)} UTC: {failing.LastError}");
            environment.Console.MarkupLineInterpolated($"{documents.Count} documents tracked.");
            return 0;
        });

    internal static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss") ?? "never";
}
