using System.CommandLine;
using Spectre.Console;
using Snapshots.Archive;
using Snapshots.Changes;
using Snapshots.Provisions;
using Snapshots.Tracking;

namespace Snapshots.Cli.Commands;

/// <summary><c>snapshots diff ID [FROM] [TO]</c>: what changed between two versions, section by section, word by word (coloured on a terminal).</summary>
public static class DiffCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var document = HistoryCommands.DocumentArgument();
        var from = HistoryCommands.VersionArgument("from", "Older version (default: the one before TO).");
        var to = HistoryCommands.VersionArgument("to", "Newer version (default: the latest).");
        var explain = new Option<bool>("--explain") { Description = "Also show what was not treated as a change: site chrome and removed blocks left out of each version's text, masked link tokens, decoded e-mail placeholders, returns to known variants." };
        var command = new Command("diff", "Show what changed between two versions: sections added, removed, modified and moved, with word-level changes.") { document, from, to, explain };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var (record, newer) = await HistoryCommands.ResolveAsync(session, parse.GetValue(document)!, parse.GetValue(to), ct);
            var olderNumber = parse.GetValue(from) is { } fromText ? VersionSpec.Resolve(fromText, record) : newer.Sequence - 1;
            var archive = session.Get<SnapshotArchive>();
            string? olderText = null;
            VersionRecord? older = null;
            if (olderNumber >= 1)
            {
                older = await session.Get<VersionLedger>().GetAsync(record.Id, olderNumber, ct);
                olderText = await archive.ReadTextAsync(older.TextBlob, ct);
            }
            var diff = session.Get<ChangeSummarizer>().Compare(olderText, await archive.ReadTextAsync(newer.TextBlob, ct));
            var console = environment.Console;
            console.MarkupLineInterpolated($"[bold]{record.PlatformName} — {record.TermsType}[/]: version {(olderNumber >= 1 ? olderNumber.ToString() : "(none)")} → {newer.Sequence}");
            console.MarkupLineInterpolated($"{diff.Summary.Describe()}");
            if (diff.Summary.Topics.Count > 0) console.MarkupLineInterpolated($"[yellow]{TopicClassifier.Default.SubjectFragment(diff.Summary.Topics)}[/]");
            console.WriteLine();
            if (olderNumber == newer.Sequence - 1) await WriteProvisionsAsync(session, record, newer.Sequence, console, ct);
            var excerpt = DiffExcerpt.Build(diff, contextWords: 12, maxCharacters: int.MaxValue);
            console.Profile.Out.Writer.Write(TextDiffRenderer.Inline(excerpt, colour: console.Profile.Capabilities.Ansi));
            if (parse.GetValue(explain))
                WriteExplanation(console, await session.Get<VersionExplainer>().ExplainAsync(record, older, newer, ct));
            return 0;
        }));
        return command;
    }

    private const int MaxRemovalsShown = 12;

    /// <summary>The provisions a version changed from the one before, by slug, with their clause types (what <c>provision ID SLUG</c> shows).</summary>
    private static async Task WriteProvisionsAsync(CliSession session, Catalog.DocumentRecord record, long sequence, IAnsiConsole console, CancellationToken ct)
    {
        await session.Get<ProvisionLedger>().BuildMissingAsync(record.Id, ct: ct);
        var reader = session.Get<ProvisionReader>();
        var changes = await reader.ChangesAsync(record, sequence, ct);
        if (changes.Count == 0) return;
        console.MarkupLineInterpolated($"Provisions changed: {changes.Count}");
        foreach (var change in changes)
            console.MarkupLineInterpolated($"  {change.Verb} [bold]{change.Slug}[/] ({change.Name(reader.Catalog)}{TypesOf(change, reader.Catalog)})");
        console.WriteLine();
    }

    /// <summary>
    /// "; types: Training opt-out (new), Retention period; no longer: Does not train on user content": the clause types the
    /// provision has now (those it gained marked new), then those it lost; a removed provision's, as it had them.
    /// </summary>
    private static string TypesOf(ChangedProvision change, ClauseTypeCatalog catalog)
    {
        var gained = change.GainedTypeIds;
        var now = change.Provision.Types.Select(t => t.TypeId).Distinct(StringComparer.Ordinal)
            .Select(t => gained.Contains(t) ? $"{catalog.NameOf(t)} (new)" : catalog.NameOf(t)).ToList();
        var lost = change.LostTypeIds.Select(catalog.NameOf).ToList();
        return (now.Count > 0 ? $"; types: {string.Join(", ", now)}" : "") + (lost.Count > 0 ? $"; no longer: {string.Join(", ", lost)}" : "");
    }

    private static void WriteExplanation(IAnsiConsole console, DiffExplanation explanation)
    {
        console.WriteLine();
        console.MarkupLine("[bold]Not treated as change[/] (re-extracted from each version's archived raw page with the current declaration):");
        foreach (var version in new[] { explanation.Older, explanation.Newer }.OfType<VersionExplanation>())
        {
            foreach (var (url, what) in version.Sources)
            {
                console.MarkupLineInterpolated($"version {version.Sequence} ({url}):");
                if (what.Chrome.Count == 0) console.MarkupLine("  site chrome: none");
                foreach (var block in what.Chrome)
                    console.MarkupLineInterpolated($"  site chrome ({block.Reason}; {block.Rule}): \"{Short(block.Text)}\"");
                foreach (var block in what.DeclaredRemovals.Take(MaxRemovalsShown))
                    console.MarkupLineInterpolated($"  removed by the declaration ({block.Rule}): \"{Short(block.Text)}\"");
                if (what.DeclaredRemovals.Count > MaxRemovalsShown)
                    console.MarkupLineInterpolated($"  ... and {what.DeclaredRemovals.Count - MaxRemovalsShown} more removed by the declaration");
                foreach (var link in what.MaskedLinks)
                    console.MarkupLineInterpolated($"  link token masked: {link.Original} -> {link.Written}");
                foreach (var placeholder in what.Placeholders)
                    console.MarkupLineInterpolated($"  e-mail protection decoded: {Short(placeholder.Placeholder)} -> {placeholder.Written}");
            }
        }
        if (explanation.ReturnsBetween.Count > 0)
            console.MarkupLineInterpolated($"returns to known variants between these versions: {explanation.ReturnsBetween.Count} (observations, not versions), e.g. {string.Join(", ", explanation.ReturnsBetween.Take(5).Select(o => $"{HashChain.FormatTime(o.CapturedAt)} → version {o.Sequence}"))}");
        foreach (var flips in explanation.Flips)
            console.MarkupLineInterpolated($"variants: {flips}");
    }

    private static string Short(string text) => text.Length > 160 ? text[..157] + "..." : text;
}
