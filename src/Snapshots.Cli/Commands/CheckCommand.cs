using System.CommandLine;
using Spectre.Console;
using Snapshots.Catalog;
using Snapshots.Tracking;

namespace Snapshots.Cli.Commands;

/// <summary><c>snapshots check</c>: capture now, with a progress bar and a summary; exit code 1 if any check failed.</summary>
public static class CheckCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var document = new Option<string?>("--document") { Description = "Check only this document (platform/terms-type)." };
        var platform = new Option<string?>("--platform") { Description = "Check only this platform's documents (slug)." };
        var check = new Command("check", "Capture tracked documents now and record the ones that changed.") { document, platform };
        check.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var documents = await SelectAsync(session.Get<DocumentCatalog>(), parse.GetValue(document), parse.GetValue(platform), ct);
            if (documents.Count == 0)
            {
                environment.Console.MarkupLineInterpolated($"[yellow]No documents to check:[/] {FirstSteps.ForEmptyStore()}.");
                return 0;
            }
            var outcomes = await RunWithProgressAsync(environment.Console, session.Get<CaptureCycle>(), documents, ct);
            await LocalDelivery.DeliverPendingAsync(session, environment.Console, ct);
            Summarize(environment.Console, outcomes);
            return outcomes.Any(o => o.Status == CaptureStatus.Failed) ? 1 : 0;
        }));
        return check;
    }

    internal static async Task<IReadOnlyList<DocumentRecord>> SelectAsync(DocumentCatalog catalog, string? document, string? platform, CancellationToken ct)
    {
        if (document is not null) return [await catalog.GetAsync(DocumentId.Parse(document), ct)];
        var documents = await catalog.ListAsync(platform, ct);
        if (platform is not null && documents.Count == 0) throw await UnknownNames.PlatformAsync(catalog, platform, ct);
        return documents;
    }

    private static async Task<IReadOnlyList<CaptureOutcome>> RunWithProgressAsync(IAnsiConsole console, CaptureCycle cycle, IReadOnlyList<DocumentRecord> documents, CancellationToken ct)
    {
        IReadOnlyList<CaptureOutcome> outcomes = [];
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Checking {documents.Count} documents", maxValue: documents.Count);
                outcomes = await cycle.RunAsync(documents, _ => task.Increment(1), ct);
            });
        return outcomes;
    }

    /// <summary>Up to this many documents, every one gets a row; beyond, only those that changed or failed do (the rest are counted).</summary>
    public const int ListEveryDocumentUpTo = 50;

    private static void Summarize(IAnsiConsole console, IReadOnlyList<CaptureOutcome> outcomes)
    {
        var listed = outcomes.Count <= ListEveryDocumentUpTo ? outcomes : outcomes.Where(o => o.Status != CaptureStatus.Unchanged).ToList();
        if (listed.Count > 0) console.Write(Table(listed));
        if (listed.Count < outcomes.Count)
            console.MarkupLineInterpolated($"[grey]{outcomes.Count - listed.Count} unchanged documents not listed (more than {ListEveryDocumentUpTo} checked): snapshots documents list shows each one's last check.[/]");
        console.MarkupLineInterpolated($"{Checked(outcomes)}");
    }

    /// <summary>"checked 6 documents: 5 unchanged, 1 changed, 0 failed" (each number counts documents).</summary>
    internal static string Checked(IReadOnlyCollection<CaptureOutcome> outcomes) =>
        $"checked {outcomes.Count} document{(outcomes.Count == 1 ? "" : "s")}: {outcomes.Count(o => o.Status == CaptureStatus.Unchanged)} unchanged, " +
        $"{outcomes.Count(o => o.IsChange)} changed, {outcomes.Count(o => o.Status == CaptureStatus.Failed)} failed";

    private static Table Table(IReadOnlyList<CaptureOutcome> outcomes)
    {
        var table = new Table().AddColumns("Document", "Result", "Detail");
        foreach (var outcome in outcomes)
        {
            var result = outcome.Status switch
            {
                CaptureStatus.First => "[green]first version[/]",
                CaptureStatus.Changed => "[green]changed[/]",
                CaptureStatus.Unchanged => "unchanged",
                _ => "[red]failed[/]",
            };
            table.AddRow(Markup.Escape(outcome.Document.ToString()), result, Markup.Escape(outcome.Detail));
        }
        return table;
    }
}
