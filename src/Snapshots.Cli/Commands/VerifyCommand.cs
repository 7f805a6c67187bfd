using System.CommandLine;
using Spectre.Console;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Cli.Local;
using Snapshots.Tracking;

namespace Snapshots.Cli.Commands;

/// <summary>
/// <c>snapshots verify [ID] [--repair]</c>: re-hash every blob, recompute every chain, check every timestamp token and
/// cross-check documents, ledger and blobs; exit code 1 on any problem. <c>--repair</c> first does what can be done safely.
/// <c>snapshots verify --bundle FILE.zip</c> checks an exported evidence bundle instead.
/// </summary>
public static class VerifyCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var document = new Argument<string?>("document") { Description = "Verify only this document (default: all).", Arity = ArgumentArity.ZeroOrOne };
        var repair = new Option<bool>("--repair") { Description = "First repair what is safe: document rows behind the ledger or missing (with --declarations), the current version's missing raw blob (re-fetched, restored only if its hash matches), lost text blobs (re-extracted from the raw snapshot, written only if the hash matches), missing timestamps." };
        var declarations = new Option<string?>("--declarations") { Description = "With --repair: the declaration file or folder to restore a missing document row from (default: the shipped declarations/)." };
        var bundle = new Option<string?>("--bundle") { Description = "Check an evidence bundle written by 'export' (a .zip) instead of the archive. Its timestamp tokens are checked against the trust anchors configured here (Evidence:TrustAnchors), never against the anchors shipped inside the bundle. Exit code 0: verified, with a trusted time for at least one version; 1: a mismatch (named); 3: integrity only (every hash matches, but no timestamp token verifies, so nothing proves when or by whom it was made); 2: not a bundle, or refused before reading." };
        var log = new Option<bool>("--log") { Description = "Check the transparency log instead: recompute the tree from its leaves, check every checkpoint's root, signature and timestamp, and hold every version row to its leaf (deleted, rewritten or back-dated versions are named)." };
        var command = new Command("verify", "Re-hash every archived blob, recompute the hash chains, re-verify the timestamp tokens; names every mismatch.") { document, repair, declarations, bundle, log };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var console = environment.Console;
            if (parse.GetValue(bundle) is { } file) return VerifyBundle(console, session.Get<BundleVerifier>(), session.Get<TrustAnchors>(), file);
            if (parse.GetValue(log)) return await LogVerification.ReportAsync(console, session.Get<Ledger.LogVerifier>(), ct);

            DocumentId? id = parse.GetValue(document) is { } text ? DocumentId.Parse(text) : null;
            // An unknown document is refused (exit code 2), never reported as verified.
            if (id is { } known) await session.Get<DocumentCatalog>().GetAsync(known, ct);
            if (parse.GetValue(repair))
            {
                var path = parse.GetValue(declarations);
                foreach (var action in await session.Get<ArchiveRepairer>().RepairAsync(id, ct, () => DeclarationsFor(path)))
                {
                    if (action.Done) console.MarkupLineInterpolated($"[green]repaired[/] {action}");
                    else console.MarkupLineInterpolated($"[yellow]left[/] {action}");
                }
            }
            var report = await session.Get<ArchiveVerifier>().VerifyAsync(id, ct);
            foreach (var problem in report.Problems)
                console.MarkupLineInterpolated($"[red]MISMATCH[/] {problem}");
            var summary = $"{report.Documents} documents, {report.Versions} versions, {report.Blobs} blobs, {report.TokensChecked} timestamp tokens, {report.Observations} variant observations";
            var verdict = EvidenceVerdict.Of(report.Problems.Count, report.Versions, report.TokensChecked);
            if (report.Passed && verdict.Level == EvidenceLevel.Timestamped) console.MarkupLineInterpolated($"[green]verified[/] {summary}: every hash, chain link and timestamp token matches.");
            else if (report.Passed) console.MarkupLineInterpolated($"[green]verified[/] {summary}: every hash and chain link matches. {verdict.Headline}");
            else console.MarkupLineInterpolated($"[red]{report.Problems.Count} problems[/] in {summary}.");
            if (report.Pending.Count > 0)
                console.MarkupLineInterpolated($"timestamp pending (asked for at capture, no token yet; a fault once the grace period Evidence:PendingTokenGrace has passed): {report.Pending.Count} versions: {Versions(report.Pending)}");
            if (report.Untimestamped.Count > 0)
                console.MarkupLineInterpolated($"not timestamped (no authority was configured when they were recorded, no token stored, not a fault): {report.Untimestamped.Count} versions: {Versions(report.Untimestamped)}");
            return report.Passed ? 0 : 1;
        }));
        return command;
    }

    /// <summary>The declarations --repair may restore a missing document row from: the given file or folder, else the shipped declarations/ (the checkout's, or those packed with the tool).</summary>
    private static IReadOnlyList<DocumentDeclaration> DeclarationsFor(string? path)
    {
        path ??= ShippedFiles.Declarations();
        return path is null ? [] : DeclarationFiles.Read(path).SelectMany(p => p.Documents).ToList();
    }

    private static int VerifyBundle(IAnsiConsole console, BundleVerifier verifier, TrustAnchors anchors, string file)
    {
        if (!File.Exists(file)) throw new FormatException($"{file}: no such bundle file.");
        BundleReport report;
        using (var stream = File.OpenRead(file))
        {
            try { report = verifier.Verify(stream); }
            catch (InvalidDataException e) { throw new FormatException($"{file}: not a zip evidence bundle: {e.Message}"); }
            catch (BundleRefusedException e) { throw new FormatException($"{file}: refused before reading: {e.Message}"); }
        }
        foreach (var problem in report.Problems) console.MarkupLineInterpolated($"[red]MISMATCH[/] {file}: {problem}");
        var summary = $"{report.Document}: {report.Versions} versions, {report.Tokens} timestamp tokens, {report.Files} files";
        if (report.Tokens > 0)
            console.MarkupLineInterpolated($"Timestamp tokens checked against {anchors.Describe()}, configured here (Evidence:TrustAnchors); the trust anchors inside the bundle are not trusted.");
        // The one verdict (EvidenceVerdict): with no verified token, matching hashes are integrity only, and it says so.
        var verdict = report.Verdict;
        var colour = verdict.Level switch { EvidenceLevel.Timestamped => "green", EvidenceLevel.Mismatch => "red", _ => "yellow" };
        console.MarkupLineInterpolated($"[{colour}]{verdict.Level switch { EvidenceLevel.Mismatch => "NOT VERIFIED", EvidenceLevel.IntegrityOnly => "INTEGRITY ONLY", _ => "verified" }}[/] bundle {file} ({summary}): {verdict.Headline}");
        console.MarkupLineInterpolated($"{verdict.Reach}");
        return verdict.ExitCode;
    }

    /// <summary>"a/b 1-3, 5; c/d 2" for a list of (document, version).</summary>
    private static string Versions(IReadOnlyList<(DocumentId Document, long Sequence)> versions) =>
        string.Join("; ", versions.GroupBy(v => v.Document).Select(g => $"{g.Key} {Ranges(g.Select(v => v.Sequence).Order().ToList())}"));

    private static string Ranges(IReadOnlyList<long> numbers)
    {
        var parts = new List<string>();
        for (var i = 0; i < numbers.Count;)
        {
            var j = i;
            while (j + 1 < numbers.Count && numbers[j + 1] == numbers[j] + 1) j++;
            parts.Add(i == j ? $"{numbers[i]}" : $"{numbers[i]}-{numbers[j]}");
            i = j + 1;
        }
        return string.Join(", ", parts);
    }
}
