using System.CommandLine;
using Spectre.Console;
using Snapshots.Catalog;
using Snapshots.Tracking;

namespace Snapshots.Cli.Commands;

/// <summary>
/// <c>snapshots history import FOLDER... [--document ID] [--platform-name NAME] [--dry-run]</c>: seeds documents' archives
/// from saved captures, through the same extraction and recording as a live check, without alerting anyone. Folders of one
/// platform's documents are imported together, so their changes are compared for platform chrome as on a live check.
/// </summary>
public static class HistoryImportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var folders = new Argument<string[]>("folder")
        {
            Description = "History folder: captures/YYYY-MM-DDTHH-MM-SSZ.html|.html.gz|.pdf|.txt (a combined document: captures/YYYY-MM-DDTHH-MM-SSZ/1.html, 2.html... one per source in declaration order), optional declarations.json and expected.json. Several folders of one platform's documents are imported together (platform chrome compared across them).",
            Arity = ArgumentArity.OneOrMore,
        };
        var document = new Option<string?>("--document") { Description = "Document id (platform/terms-type); default: from expected.json's service and termsType." };
        var platformName = new Option<string?>("--platform-name") { Description = "Platform display name for a document not yet in the catalog (default: expected.json's serviceName)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Record nothing, write nothing: print what would be recorded." };
        var command = new Command("import", "Import folders of dated raw captures as documents' histories (original capture times, no alerts).") { folders, document, platformName, dryRun };
        command.SetAction((parse, ct) =>
        {
            var isDryRun = parse.GetValue(dryRun);
            return SnapshotsCli.WithSessionAsync(environment, ct, async session =>
            {
                var paths = parse.GetValue(folders)!;
                if (paths.Length > 1 && (parse.GetValue(document) is not null || parse.GetValue(platformName) is not null))
                    throw new UsageException("--document and --platform-name name one document: give one folder with them.");
                var imports = new List<(HistoryFolder, HistoryImportRequest)>();
                foreach (var path in paths)
                {
                    var history = HistoryFolder.Read(path);
                    var id = parse.GetValue(document) is { } given
                        ? DocumentId.Parse(given)
                        : history.NamedDocument ?? throw new HistoryImportException($"{history.Path}: has no expected.json naming the service and terms type: pass --document platform/terms-type.");
                    imports.Add((history, new HistoryImportRequest(id, parse.GetValue(platformName), isDryRun)));
                }
                var importer = session.Get<HistoryImporter>();

                IReadOnlyList<HistoryImportReport> reports = null!;
                var captures = imports.Sum(i => i.Item1.Captures.Count);
                await environment.Console.Progress().AutoClear(true).StartAsync(async progress =>
                {
                    var what = imports.Count == 1 ? $"{imports[0].Item2.Document}" : $"{imports.Count} documents";
                    var task = progress.AddTask($"Importing {captures} captures into {what}", maxValue: Math.Max(1, captures));
                    reports = await importer.ImportTogetherAsync(imports, _ => task.Increment(1), ct);
                });
                foreach (var report in reports) HistoryImportSummary.Write(environment.Console, report);
                return reports.Any(r => r.CapturesRead > 0 && r.Failures.Count == r.CapturesRead) ? 1 : 0;
            }, createStorage: !isDryRun);
        });
        return command;
    }
}
