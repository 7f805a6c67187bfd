using System.CommandLine;
using Spectre.Console;
using Snapshots.Archive;
using Snapshots.Catalog;

namespace Snapshots.Cli.Commands;

/// <summary><c>snapshots verify [ID]</c>: re-hash every blob and recompute every chain; exit code 1 on any mismatch.</summary>
public static class VerifyCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var document = new Argument<string?>("document") { Description = "Verify only this document (default: all).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("verify", "Re-hash every archived blob and recompute the hash chains; names every mismatch.") { document };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            DocumentId? id = parse.GetValue(document) is { } text ? DocumentId.Parse(text) : null;
            // An unknown document is refused (exit code 2), never reported as verified.
            if (id is { } known) await session.Get<DocumentCatalog>().GetAsync(known, ct);
            var report = await session.Get<ArchiveVerifier>().VerifyAsync(id, ct);
            foreach (var problem in report.Problems)
                environment.Console.MarkupLineInterpolated($"[red]MISMATCH[/] {problem}");
            var summary = $"{report.Documents} documents, {report.Versions} versions, {report.Blobs} blobs";
            if (report.Passed) environment.Console.MarkupLineInterpolated($"[green]verified[/] {summary}: every hash and chain link matches.");
            else environment.Console.MarkupLineInterpolated($"[red]{report.Problems.Count} problems[/] in {summary}.");
            return report.Passed ? 0 : 1;
        }));
        return command;
    }
}
