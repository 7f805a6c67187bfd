using Snapshots.Ledger;
using Spectre.Console;

namespace Snapshots.Cli.Commands;

/// <summary><c>snapshots verify --log</c>: the transparency log recomputed from storage, every problem named; exit code 1 on any.</summary>
internal static class LogVerification
{
    public static async Task<int> ReportAsync(IAnsiConsole console, LogVerifier verifier, CancellationToken ct)
    {
        var report = await verifier.VerifyAsync(ct);
        foreach (var problem in report.Problems) console.MarkupLineInterpolated($"[red]MISMATCH[/] {problem}");
        var summary = $"{report.Leaves} leaves ({report.Versions} version rows, {report.Checks} unchanged checks), {report.Checkpoints} checkpoints ({report.TimestampedCheckpoints} timestamped), {report.Pending} entries pending";
        if (!report.SignaturesChecked)
            console.MarkupLine("[yellow]warning:[/] no Log__SigningKey is configured here: checkpoint signatures were not checked.");
        if (report.Valid) console.MarkupLineInterpolated($"[green]verified[/] transparency log: {summary}; every leaf, root, signature and version row matches.");
        else console.MarkupLineInterpolated($"[red]{report.Problems.Count} problems[/] in the transparency log: {summary}.");
        return report.Valid ? 0 : 1;
    }
}
