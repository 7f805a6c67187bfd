using System.CommandLine;
using System.Globalization;
using Snapshots.Catalog;
using Snapshots.Ledger;
using Snapshots.Pipeline;
using Spectre.Console;

namespace Snapshots.Cli.Commands;

/// <summary>
/// The transparency log from the command line: <c>snapshots attest ID --from T1 --to T2 -o FILE.zip</c> (an attestation bundle),
/// <c>snapshots log sequence</c> (one sequencer pass, as the timer does) and <c>snapshots log checkpoint</c> (the latest signed checkpoint).
/// </summary>
public static class LogCommands
{
    public static IEnumerable<Command> Create(CliEnvironment environment)
    {
        yield return Attest(environment);
        var log = new Command("log", "The transparency log: sequence pending entries, show the latest checkpoint.");
        var sequence = new Command("sequence", "Give pending entries their leaves and sign (and timestamp) a checkpoint of the grown tree, as the LOG_SCHEDULE timer does.");
        sequence.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var pass = await session.Get<SequenceLogHandler>().RunAsync(ct);
            environment.Console.MarkupLineInterpolated($"Transparency log: {pass.Appended} leaves appended, size {pass.Size}.");
            if (pass.NewCheckpoint is { } checkpoint)
                environment.Console.MarkupLineInterpolated($"Checkpoint {checkpoint.Size} signed{(checkpoint.Token is null ? " (no timestamp)" : " and timestamped")}.");
            // Signing is what this command is for: without a key it says which setting to set, and the leaves stay unsigned (exit 1).
            if (!session.Get<CheckpointSigner>().CanSign && pass.CheckpointProblem is { } unsigned)
            {
                environment.Errors.MarkupLineInterpolated($"[red]error:[/] {unsigned}");
                return SnapshotsCli.ProblemFound;
            }
            if (pass.CheckpointProblem is { } problem) environment.Console.MarkupLineInterpolated($"[yellow]warning:[/] {problem}");
            return 0;
        }));
        var checkpoint = new Command("checkpoint", "Print the latest signed checkpoint (signed-note text) and the log's public key.");
        checkpoint.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var latest = await session.Get<TransparencyLog>().LatestCheckpointAsync(ct);
            if (latest is null)
            {
                environment.Console.MarkupLine("The transparency log has no checkpoint yet.");
                return 1;
            }
            environment.Console.Write(new Spectre.Console.Text(latest.Note));
            if (session.Get<CheckpointSigner>().PublicKeyPem is { } pem) environment.Console.Write(new Spectre.Console.Text(pem));
            return 0;
        }));
        log.Subcommands.Add(sequence);
        log.Subcommands.Add(checkpoint);
        yield return log;
    }

    private static Command Attest(CliEnvironment environment)
    {
        var document = HistoryCommands.DocumentArgument();
        var from = new Option<string>("--from") { Description = "Start of the window (UTC, e.g. 2026-01-31 or 2026-01-31T12:00:00Z).", Required = true };
        var to = new Option<string>("--to") { Description = "End of the window (UTC; a date alone means its end).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The .zip file to write.", Required = true };
        var command = new Command("attest", "Write a bundle proving which text a document served at each check in a window: the log's leaves, inclusion proofs, the signed (and timestamped) checkpoint, the public key, README and VERIFY.") { document, from, to, output };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var id = DocumentId.Parse(parse.GetValue(document)!);
            await session.Get<DocumentCatalog>().GetAsync(id, ct);
            var start = Time(parse.GetValue(from)!, "--from", endOfDay: false);
            var end = Time(parse.GetValue(to)!, "--to", endOfDay: true);
            var path = Path.GetFullPath(parse.GetValue(output)!);
            if (File.Exists(path)) throw new FormatException($"{path} already exists: choose another file (an attestation never overwrites).");
            var partial = path + ".partial";
            AttestationSummary summary;
            try
            {
                await using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
                    summary = await session.Get<AttestationExporter>().ExportAsync(id, start, end, stream, ct);
                File.Move(partial, path);
            }
            catch (AttestationException e)
            {
                environment.Console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return 1;
            }
            finally
            {
                if (File.Exists(partial)) File.Delete(partial);
            }
            environment.Console.MarkupLineInterpolated(
                $"Wrote {path}: {id}, {summary.Checks} unchanged checks and {summary.Versions} versions between {summary.From.UtcDateTime:u} and {summary.To.UtcDateTime:u}, {(summary.TextSha256s.Count == 1 ? "one text throughout" : $"{summary.TextSha256s.Count} different texts")}, in checkpoint {summary.CheckpointSize}{(summary.Timestamped ? " (timestamped)" : " (not timestamped)")}. Check it as its VERIFY.md says.");
            return 0;
        }));
        return command;
    }

    private static DateTimeOffset Time(string text, string option, bool endOfDay)
    {
        if (DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
            return new DateTimeOffset(endOfDay ? day.AddDays(1).AddTicks(-1) : day, TimeSpan.Zero);
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)) return time;
        throw new FormatException($"{option} '{text}' is not a UTC time: expected e.g. 2026-01-31 or 2026-01-31T12:00:00Z");
    }
}
