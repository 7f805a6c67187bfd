using System.CommandLine;
using Spectre.Console;
using Snapshots.Catalog;
using Snapshots.Tracking;

namespace Snapshots.Cli.Commands;

/// <summary>
/// <c>snapshots history import FOLDER [--document ID] [--platform-name NAME] [--dry-run]</c>: seeds a document's archive
/// from saved captures, through the same extraction and recording as a live check, without alerting anyone.
/// </summary>
public static class HistoryImportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var folder = new Argument<string>("folder") { Description = "History folder: captures/YYYY-MM-DDTHH-MM-SSZ.html|.html.gz|.pdf|.txt, optional declarations.json and expected.json." };
        var document = new Option<string?>("--document") { Description = "Document id (platform/terms-type); default: from expected.json's service and termsType." };
        var platformName = new Option<string?>("--platform-name") { Description = "Platform display name for a document not yet in the catalog (default: expected.json's serviceName)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Record nothing, write nothing: print what would be recorded." };
        var command = new Command("import", "Import a folder of dated raw captures as the document's history (original capture times, no alerts).") { folder, document, platformName, dryRun };
        command.SetAction((parse, ct) =>
        {
            var isDryRun = parse.GetValue(dryRun);
            return SnapshotsCli.WithSessionAsync(environment, ct, async session =>
            {
                var history = HistoryFolder.Read(parse.GetValue(folder)!);
                var id = parse.GetValue(document) is { } given
                    ? DocumentId.Parse(given)
                    : history.NamedDocument ?? throw new HistoryImportException($"{history.Path}: has no expected.json naming the service and terms type: pass --document platform/terms-type.");
                var request = new HistoryImportRequest(id, parse.GetValue(platformName), isDryRun);
                var importer = session.Get<HistoryImporter>();

                HistoryImportReport report = null!;
                await environment.Console.Progress().AutoClear(true).StartAsync(async progress =>
                {
                    var task = progress.AddTask($"Importing {history.Captures.Count} captures into {id}", maxValue: Math.Max(1, history.Captures.Count));
                    report = await importer.ImportAsync(history, request, _ => task.Increment(1), ct);
                });
                HistoryImportSummary.Write(environment.Console, report);
                return report.CapturesRead > 0 && report.Failures.Count == report.CapturesRead ? 1 : 0;
            }, createStorage: !isDryRun);
        });
        return command;
    }
}
