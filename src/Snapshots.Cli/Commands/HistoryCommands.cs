using System.CommandLine;
using Spectre.Console;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Provisions;
using Snapshots.Tracking;

namespace Snapshots.Cli.Commands;

/// <summary><c>history</c>, <c>show</c>, <c>diff</c> and <c>cite</c>: reading a document's recorded versions.</summary>
public static class HistoryCommands
{
    public static IEnumerable<Command> Create(CliEnvironment environment)
    {
        yield return History(environment);
        yield return Show(environment);
        yield return DiffCommand.Create(environment);
        yield return Cite(environment);
    }

    internal static Argument<string> DocumentArgument() => new("document") { Description = "Document id: platform/terms-type, e.g. mistral-ai/privacy-policy." };

    internal static Argument<string?> VersionArgument(string name, string description) => new(name) { Description = $"{description} Version: {VersionSpec.Help}.", Arity = ArgumentArity.ZeroOrOne };

    /// <summary><c>history ID</c> lists versions; <c>history import FOLDER</c> imports saved captures.</summary>
    private static Command History(CliEnvironment environment)
    {
        var document = new Argument<string?>("document") { Description = "Document id: platform/terms-type, e.g. mistral-ai/privacy-policy.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("history", "List a document's versions with their capture time, hashes and change summary (or import saved captures: history import).") { document };
        command.Subcommands.Add(HistoryImportCommand.Create(environment));
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var id = DocumentId.Parse(parse.GetValue(document) ?? throw new FormatException("history needs a document id (platform/terms-type), or use: history import FOLDER"));
            var record = await session.Get<DocumentCatalog>().GetAsync(id, ct);
            var versions = await session.Get<VersionLedger>().ListAsync(id, ct);
            environment.Console.MarkupLineInterpolated($"[bold]{record.PlatformName} — {record.TermsType}[/] ({id}), last verified {DocumentsCommands.Time(record.LastCheckedAt)} UTC");
            HistoryTable.Write(environment.Console, versions);
            // Returns to known variants are evidence, not versions: one line per pair of versions the page flips between.
            var observations = await session.Get<ObservationLog>().ListAsync(id, ct);
            foreach (var flips in new VariantTimeline(versions, observations).Flips())
                environment.Console.MarkupLineInterpolated($"[yellow]variants[/]: {flips} (no alert; see diff {id} {flips.A} {flips.B})");
            if (record.ServedSequence is { } served)
                environment.Console.MarkupLineInterpolated($"now served: version {served}'s text (a known variant of version {record.VersionCount})");
            return 0;
        }));
        return command;
    }

    private static Command Show(CliEnvironment environment)
    {
        var document = DocumentArgument();
        var version = VersionArgument("version", "Version number (default: the latest).");
        var command = new Command("show", "Print the text of a version (default: the latest).") { document, version };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var (_, v) = await ResolveAsync(session, parse.GetValue(document)!, parse.GetValue(version), ct);
            environment.Console.Profile.Out.Writer.Write(Snapshots.Text.VisibleText.Of(await session.Get<SnapshotArchive>().ReadTextAsync(v.TextBlob, ct)));
            return 0;
        }));
        return command;
    }

    private static Command Cite(CliEnvironment environment)
    {
        var document = DocumentArgument();
        var version = VersionArgument("version", "Version number (default: the latest).");
        var provision = new Option<string?>("--provision") { Description = "Cite one provision of the version (its slug or id, as provisions lists them): its own SHA-256 and place in the text, then the version's evidence." };
        var command = new Command("cite", "Print one citation line for a version (or one of its provisions): platform, document, version, capture time, source, SHA-256, archive blob, trusted timestamp.") { document, version, provision };
        command.SetAction((parse, ct) => SnapshotsCli.WithSessionAsync(environment, ct, async session =>
        {
            var (record, v) = await ResolveAsync(session, parse.GetValue(document)!, parse.GetValue(version), ct);
            var line = Citation.Line(record, v);
            if (parse.GetValue(provision) is { } slug)
            {
                await session.Get<ProvisionLedger>().BuildMissingAsync(record.Id, ct: ct);
                var reader = session.Get<ProvisionReader>();
                var provisioned = await reader.VersionAsync(record, v, ct) ?? throw new UsageException($"version {v.Sequence} of '{record.Id}' has no provisions");
                var cited = provisioned.Find(slug) ?? throw new UsageException($"version {v.Sequence} of '{record.Id}' has no provision '{slug}' (snapshots provisions {record.Id} {v.Sequence} lists them)");
                line = ProvisionCitation.Line(record, v, cited, reader.Catalog, session.Get<PublicSite>().Url(PublicSite.ProvisionPath(record.Id, cited.Slug)));
            }
            environment.Console.Profile.Out.Writer.WriteLine(Snapshots.Text.VisibleText.Of(line, keepLineBreaks: false));
            return 0;
        }));
        return command;
    }

    /// <summary>"timestamped by X at T", or "none" when no RFC 3161 token is recorded on the version.</summary>
    internal static string TimestampLine(VersionRecord version) => version.TimestampGenTime is { } time
        ? $"timestamped by {version.TimestampSigner} at {HashChain.FormatTime(time)}"
        : "none";

    /// <summary>The stored section-level summary in one line: what changed, and which governance topics it touches.</summary>
    internal static string SummaryLine(string? summaryJson)
    {
        if (string.IsNullOrEmpty(summaryJson)) return "";
        try
        {
            var summary = ChangeSummaryJson.Deserialize(summaryJson);
            var topics = TopicClassifier.Default.SubjectFragment(summary.Topics);
            return topics.Length == 0 ? summary.Describe() : $"{summary.Describe()}; {topics}";
        }
        catch (System.Text.Json.JsonException)
        {
            return "(unreadable summary)";
        }
    }

    internal static async Task<(DocumentRecord Document, VersionRecord Version)> ResolveAsync(CliSession session, string document, string? version, CancellationToken ct)
    {
        var id = DocumentId.Parse(document);
        var record = await session.Get<DocumentCatalog>().GetAsync(id, ct);
        var number = VersionSpec.Resolve(version, record);
        return (record, await session.Get<VersionLedger>().GetAsync(id, number, ct));
    }
}
