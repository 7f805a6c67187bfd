using System.CommandLine;
using Snapshots.Archive;
using Snapshots.Catalog;
using Spectre.Console;

namespace Snapshots.Cli.Commands;

/// <summary>
/// <c>snapshots export ID [--from V] [--to V] -o FILE.zip</c>: a self-contained evidence bundle that standard tools verify;
/// with <c>--wacz -o FILE.wacz</c>, a WACZ of the versions' WARC captures that ReplayWeb.page and pywb replay.
/// </summary>
public static class ExportCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var document = HistoryCommands.DocumentArgument();
        var from = new Option<long?>("--from") { Description = "First version to export (default: 1)." };
        var to = new Option<long?>("--to") { Description = "Last version to export (default: the latest)." };
        var output = new Option<string>("--output", "-o") { Description = "The .zip (or with --wacz the .wacz) file to write.", Required = true };
        var wacz = new Option<bool>("--wacz") { Description = "Write a WACZ (web archive collection, spec 1.1.1) of the versions' WARC captures, for replay in ReplayWeb.page or pywb, instead of the evidence bundle." };
        var command = new Command("export", "Write an evidence bundle: snapshots, texts, manifest, timestamp tokens, certificates, citations and VERIFY.md; or with --wacz a replayable WACZ.") { document, from, to, output, wacz };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var console = environment.Console;
            var id = DocumentId.Parse(parse.GetValue(document)!);
            if (parse.GetValue(wacz)) return await WriteWaczAsync(environment, session, id, parse.GetValue(from), parse.GetValue(to), parse.GetValue(output)!, ct);
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

    private static async Task<int> WriteWaczAsync(CliEnvironment environment, CliSession session, DocumentId id, long? from, long? to, string output, CancellationToken ct)
    {
        var console = environment.Console;
        var path = Path.GetFullPath(output);
        var summary = await OutputFile.WriteAsync(output, stream => session.Get<WaczExporter>().ExportAsync(id, from, to, stream, ct));
        foreach (var problem in summary.Problems) console.MarkupLineInterpolated($"[red]MISMATCH[/] {id} {problem}");
        console.MarkupLineInterpolated($"Wrote {path}: a WACZ of {id} versions {summary.From}-{summary.To} with the WARC captures of {summary.Included.Count} version{(summary.Included.Count == 1 ? "" : "s")} ({summary.IndexLines} index lines, {summary.Pages} pages, {summary.WarcBytes:N0} bytes of WARC).");
        foreach (var group in summary.LeftOut.GroupBy(l => l.Reason))
            console.MarkupLineInterpolated($"Left out: version{(group.Count() == 1 ? "" : "s")} {string.Join(", ", group.Select(l => l.Sequence))} ({group.Key}).");
        console.MarkupLine("Replay it in ReplayWeb.page (open the file) or pywb (wb-manager add COLLECTION FILE.wacz). It holds the captures, not the chain or timestamp tokens: those are in the evidence bundle (export without --wacz).");
        return summary.Problems.Count == 0 ? SnapshotsCli.Success : SnapshotsCli.ProblemFound;
    }
}
