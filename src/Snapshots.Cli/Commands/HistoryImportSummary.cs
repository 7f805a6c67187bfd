using Spectre.Console;
using Snapshots.Tracking;

namespace Snapshots.Cli.Commands;

/// <summary>Prints what a history import did: counts, versions (would be) recorded, failures and refusals with capture and reason.</summary>
internal static class HistoryImportSummary
{
    public static void Write(IAnsiConsole console, HistoryImportReport report)
    {
        var recorded = report.Steps.Where(s => s.Kind is HistoryStepKind.Recorded or HistoryStepKind.WouldRecord).ToList();
        if (recorded.Count > 0)
        {
            var table = new Table().AddColumns("Capture", report.DryRun ? "Would be version" : "Version", "SHA-256");
            foreach (var step in recorded) table.AddRow(step.Capture.Name, $"{step.Sequence}", step.TextSha256![..16]);
            console.Write(table);
        }
        foreach (var step in report.Failures)
            console.MarkupLineInterpolated($"[red]failed[/] {step.Capture.Name} ({Path.GetFileName(step.Capture.File)}): {step.Detail}");
        if (report.Skipped.Count > 0)
            console.MarkupLineInterpolated($"[yellow]skipped[/] {report.Skipped.Count} captures {report.Skipped[0].Capture.Name} .. {report.Skipped[^1].Capture.Name}: {report.Skipped[0].Detail}");

        var verb = report.DryRun ? "versions would be recorded (dry run: nothing written)" : "versions recorded";
        var variants = report.Variants > 0 ? $", {report.Variants} returns to a known variant (observations, not versions)" : "";
        console.MarkupLineInterpolated(
            $"[bold]{report.Document}[/]: {report.CapturesRead} captures read, {report.Versions} {verb}, {report.Unchanged} unchanged, {report.Skipped.Count} skipped, {report.Failures.Count} extraction failures{variants}");
    }
}
