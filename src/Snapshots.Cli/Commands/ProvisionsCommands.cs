using System.CommandLine;
using Spectre.Console;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Provisions;

namespace Snapshots.Cli.Commands;

/// <summary>
/// <c>provisions ID [VERSION]</c> lists a version's provisions with their clause types, severity and changes;
/// <c>provisions build [ID]</c> builds the provisions of versions recorded before they existed (idempotent, resumable);
/// <c>provision ID SLUG</c> shows one provision's types, history and evidence.
/// </summary>
public static class ProvisionsCommands
{
    public static IEnumerable<Command> Create(CliEnvironment environment)
    {
        yield return List(environment);
        yield return One(environment);
    }

    private static Command List(CliEnvironment environment)
    {
        var document = new Argument<string?>("document") { Description = "Document id: platform/terms-type, e.g. mistral-ai/privacy-policy.", Arity = ArgumentArity.ZeroOrOne };
        var version = HistoryCommands.VersionArgument("version", "Version number (default: the latest).");
        var command = new Command("provisions", "List a version's provisions with their clause types, severity and how often each changed (or build them for an archive: provisions build).") { document, version };
        command.Subcommands.Add(Build(environment));
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var (record, v) = await HistoryCommands.ResolveAsync(session, parse.GetValue(document) ?? throw new FormatException("provisions needs a document id (platform/terms-type), or use: provisions build"), parse.GetValue(version), ct);
            var ledger = session.Get<ProvisionLedger>();
            await ledger.BuildMissingAsync(record.Id, ct: ct);
            var provisioned = await session.Get<ProvisionReader>().VersionAsync(record, v, ct) ?? throw new UsageException($"version {v.Sequence} of '{record.Id}' has no provisions");
            var tallies = ProvisionTally.Of(await ledger.ListAsync(record.Id, ct));
            var catalog = session.Get<ProvisionReader>().Catalog;
            var table = new Table().AddColumns("Provision", "Kind", "Under", "Clause types", "Severity", "Changes");
            foreach (var p in provisioned.Provisions.OrderByDescending(p => p.Severity ?? (SeverityLevel)(-1)).ThenBy(p => p.Provision.Ordinal))
            {
                var tally = tallies.GetValueOrDefault(p.Id);
                table.AddRow(Markup.Escape(p.Slug), p.Provision.Kind.ToString(), Markup.Escape(Short(p.Provision.Path, 40)),
                    Markup.Escape(string.Join(", ", p.Types.Select(t => $"{catalog.NameOf(t.TypeId)}{(t.Confidence == ClauseConfidence.Inferred ? " (inferred)" : "")}"))),
                    p.Severity?.ToString().ToLowerInvariant() ?? "", tally is null ? "" : Changes(tally));
            }
            environment.Console.MarkupLineInterpolated($"[bold]{record.PlatformName} — {record.TermsType}[/] ({record.Id}), version {v.Sequence} of {record.VersionCount}: {provisioned.Provisions.Count} provisions, {provisioned.Provisions.Count(p => p.Types.Count > 0)} with a clause type");
            environment.Console.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Build(CliEnvironment environment)
    {
        var document = new Argument<string?>("document") { Description = "Document id (default: every document).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("build", "Build the provisions of every recorded version that has none yet (versions archived before provisions existed); what is built stays built.") { document };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var ids = parse.GetValue(document) is { } one
                ? [(await session.Get<DocumentCatalog>().GetAsync(DocumentId.Parse(one), ct)).Id]
                : (await session.Get<DocumentCatalog>().ListAsync(ct: ct)).Where(d => d.VersionCount > 0).Select(d => d.Id).ToList();
            var ledger = session.Get<ProvisionLedger>();
            foreach (var id in ids)
            {
                var before = (await ledger.ListAsync(id, ct)).Count;
                var maps = await ledger.BuildMissingAsync(id, ct: ct);
                var after = (await ledger.ListAsync(id, ct)).Count;
                environment.Console.MarkupLine(Markup.Escape(after == before
                    ? $"{id}: up to date ({after} versions)"
                    : $"{id}: built versions {maps[0].Sequence} to {maps[^1].Sequence} ({after - before} new, {maps[^1].Provisions.Count} provisions in the latest)"));
            }
            return 0;
        }));
        return command;
    }

    private static Command One(CliEnvironment environment)
    {
        var document = HistoryCommands.DocumentArgument();
        var slug = new Argument<string>("slug") { Description = "The provision's slug (as provisions lists it) or its id (v1-p3)." };
        var command = new Command("provision", "Show one provision: its text, clause types with the words that gave them, every change to it, and a citation line.") { document, slug };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var record = await session.Get<DocumentCatalog>().GetAsync(DocumentId.Parse(parse.GetValue(document)!), ct);
            await session.Get<ProvisionLedger>().BuildMissingAsync(record.Id, ct: ct);
            var reader = session.Get<ProvisionReader>();
            var name = parse.GetValue(slug)!;
            var history = await reader.HistoryAsync(record, name, ct) ?? throw new UsageException($"document '{record.Id}' has no provision '{name}' (snapshots provisions {record.Id} lists them)");
            var console = environment.Console;
            var p = history.Current;
            console.MarkupLineInterpolated($"[bold]{record.PlatformName} — {record.TermsType}[/]: provision [bold]{p.Slug}[/] ({p.Id}), {p.Provision.Kind}{(p.Provision.HeadingPath.Count > 0 ? $" under \"{p.Provision.Path}\"" : "")}");
            if (history.Removed) console.MarkupLineInterpolated($"[red]removed[/] in version {history.Changes[^1].Version.Sequence}; last seen in version {history.Latest.Version.Sequence}:");
            console.WriteLine();
            console.Profile.Out.Writer.WriteLine(Text.VisibleText.Of(p.Quoted));
            console.WriteLine();
            foreach (var type in p.Types)
            {
                var entry = reader.Catalog.Find(type.TypeId);
                console.MarkupLineInterpolated($"[yellow]{entry?.Name ?? type.TypeId}[/] ({type.Severity.ToString().ToLowerInvariant()}, {type.Confidence.ToString().ToLowerInvariant()}): {string.Join("; ", type.Evidence.Select(e => $"{e.Role} \"{e.Words}\""))}");
            }
            if (p.Types.Count == 0) console.MarkupLine("clause types: none");
            var edits = history.Edits.ToList();
            console.MarkupLine(Markup.Escape(edits.Count == 0 ? $"Not changed since version {history.Changes[0].Version.Sequence} ({HashChain.FormatTime(history.Changes[0].Version.CapturedAt)})" : $"Changed {edits.Count} {(edits.Count == 1 ? "time" : "times")} since version {history.Changes[0].Version.Sequence} ({HashChain.FormatTime(history.Changes[0].Version.CapturedAt)}), last in version {edits[^1].Version.Sequence} ({HashChain.FormatTime(edits[^1].Version.CapturedAt)})"));
            foreach (var change in edits)
            {
                console.WriteLine();
                console.MarkupLineInterpolated($"version {change.Version.Sequence} ({HashChain.FormatTime(change.Version.CapturedAt)}): {change.Event.Kind.ToString().ToLowerInvariant()}");
                var segments = WordDiff.CompareWords(change.Before ?? "", change.After ?? "");
                console.Profile.Out.Writer.WriteLine(TextDiffRenderer.Inline(segments, colour: console.Profile.Capabilities.Ansi));
            }
            console.WriteLine();
            console.Profile.Out.Writer.WriteLine(Text.VisibleText.Of(ProvisionCitation.Line(record, history.Latest.Version, p, reader.Catalog,
                session.Get<PublicSite>().Url(PublicSite.ProvisionPath(record.Id, p.Slug))), keepLineBreaks: false));
            return 0;
        }));
        return command;
    }

    private static string Changes(ProvisionTally tally) => tally.Changes == 0 ? $"none since v{tally.AddedIn}" : $"{tally.Changes}, last v{tally.LastChangedIn}";

    private static string Short(string text, int length) => text.Length > length ? text[..(length - 1)] + "…" : text;
}
