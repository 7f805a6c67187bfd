using System.CommandLine;
using Snapshots.Archive;
using Snapshots.Catalog;
using Spectre.Console;

namespace Snapshots.Cli.Commands;

/// <summary><c>snapshots export ID [--from V] [--to V] -o FILE.zip</c>: a self-contained evidence bundle that standard tools verify.</summary>
public static class ExportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var document = HistoryCommands.DocumentArgument();
        var from = new Option<long?>("--from") { Description = "First version to export (default: 1)." };
        var to = new Option<long?>("--to") { Description = "Last version to export (default: the latest)." };
        var output = new Option<string>("--output", "-o") { Description = "The .zip file to write.", Required = true };
        var command = new Command("export", "Write an evidence bundle: snapshots, texts, manifest, timestamp tokens, certificates, citations and VERIFY.md.") { document, from, to, output };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var console = environment.Console;
            var id = DocumentId.Parse(parse.GetValue(document)!);
            var path = Path.GetFullPath(parse.GetValue(output)!);
            var summary = await OutputFile.WriteAsync(parse.GetValue(output)!,
                stream => session.Get<EvidenceExporter>().ExportAsync(id, parse.GetValue(from), parse.GetValue(to), stream, ct));
            foreach (var problem in summary.Problems) console.MarkupLineInterpolated($"[red]MISMATCH[/] {id} {problem}");
            console.MarkupLineInterpolated($"Wrote {path}: a BagIt bag of {id} versions {summary.From}-{summary.To} ({summary.Versions} versions, {summary.Tokens} timestamp tokens, {summary.Files} files). Check it as its VERIFY.md says.");
            console.MarkupLineInterpolated($"What it can prove: {summary.Reach.Headline}");
            if (summary.Tokens > 0)
                console.MarkupLine("Its timestamp step trusts only the root certificate the verifier obtains from the timestamp authority itself (named in TSA_ROOT), never the anchors shipped in the bundle.");
            return summary.Problems.Count == 0 ? 0 : 1;
        }));
        return command;
    }
}
