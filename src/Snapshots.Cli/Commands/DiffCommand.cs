using System.CommandLine;
using Spectre.Console;
using Snapshots.Archive;
using Snapshots.Changes;

namespace Snapshots.Cli.Commands;

/// <summary><c>snapshots diff ID [FROM] [TO]</c>: what changed between two versions, section by section, word by word (coloured on a terminal).</summary>
public static class DiffCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var document = HistoryCommands.DocumentArgument();
        var from = HistoryCommands.VersionArgument("from", "Older version (default: the one before TO).");
        var to = HistoryCommands.VersionArgument("to", "Newer version (default: the latest).");
        var command = new Command("diff", "Show what changed between two versions: sections added, removed, modified and moved, with word-level changes.") { document, from, to };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var (record, newer) = await HistoryCommands.ResolveAsync(session, parse.GetValue(document)!, parse.GetValue(to), ct);
            var olderNumber = parse.GetValue(from) is { } fromText ? VersionSpec.Resolve(fromText, record) : newer.Sequence - 1;
            var archive = session.Get<SnapshotArchive>();
            string? olderText = null;
            if (olderNumber >= 1)
            {
                var older = await session.Get<VersionLedger>().GetAsync(record.Id, olderNumber, ct);
                olderText = await archive.ReadTextAsync(older.TextBlob, ct);
            }
            var diff = session.Get<ChangeSummarizer>().Compare(olderText, await archive.ReadTextAsync(newer.TextBlob, ct));
            var console = environment.Console;
            console.MarkupLineInterpolated($"[bold]{record.PlatformName} — {record.TermsType}[/]: version {(olderNumber >= 1 ? olderNumber.ToString() : "(none)")} → {newer.Sequence}");
            console.MarkupLineInterpolated($"{diff.Summary.Describe()}");
            if (diff.Summary.Topics.Count > 0) console.MarkupLineInterpolated($"[yellow]{TopicClassifier.Default.SubjectFragment(diff.Summary.Topics)}[/]");
            console.WriteLine();
            var excerpt = DiffExcerpt.Build(diff, contextWords: 12, maxCharacters: int.MaxValue);
            console.Profile.Out.Writer.Write(TextDiffRenderer.Inline(excerpt, colour: console.Profile.Capabilities.Ansi));
            return 0;
        }));
        return command;
    }
}
