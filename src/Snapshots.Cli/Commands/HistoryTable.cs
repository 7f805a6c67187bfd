using Snapshots.Archive;
using Spectre.Console;

namespace Snapshots.Cli.Commands;

/// <summary>
/// The versions of <c>history</c>, laid out so that no capture time or hash is ever split: on a console of at least
/// <see cref="TableWidth"/> columns (and in a file or a pipe, which is not wrapped) one table row per version, with the time,
/// the hash and the counts in columns that never wrap; on a narrower one, one block of lines per version, which wrap only
/// between words. Hashes show their first <see cref="HashWidth"/> hex digits (cite and verify give them whole).
/// </summary>
internal static class HistoryTable
{
    /// <summary>Narrower than this, seven columns would have to break a time or a hash: each version gets lines of its own.</summary>
    public const int TableWidth = 140;

    /// <summary>Hex digits of a version's SHA-256 shown (64 bits: enough to tell versions apart at a glance).</summary>
    public const int HashWidth = 16;

    public static void Write(IAnsiConsole console, IReadOnlyList<VersionRecord> versions)
    {
        if (console.Profile.Width >= TableWidth) console.Write(Table(versions));
        else foreach (var v in versions) Block(console, v);
    }

    private static Table Table(IReadOnlyList<VersionRecord> versions)
    {
        var table = new Table()
            .AddColumn(new TableColumn("Version").NoWrap())
            .AddColumn(new TableColumn("Captured (UTC)").NoWrap())
            .AddColumn(new TableColumn("SHA-256").NoWrap())
            .AddColumn(new TableColumn("Words").NoWrap())
            .AddColumn("Changes")
            .AddColumn(new TableColumn("Origin").NoWrap())
            .AddColumn("Trusted timestamp");
        foreach (var v in versions)
            table.AddRow(v.Sequence.ToString(), HashChain.FormatTime(v.CapturedAt), Hash(v), Words(v),
                Markup.Escape(HistoryCommands.SummaryLine(v.SummaryJson)), Markup.Escape(v.Origin), Markup.Escape(HistoryCommands.TimestampLine(v)));
        return table;
    }

    private static void Block(IAnsiConsole console, VersionRecord v)
    {
        console.MarkupLineInterpolated($"[bold]version {v.Sequence}[/]  {HashChain.FormatTime(v.CapturedAt)}  sha256 {Hash(v)}  ({v.Origin})");
        console.MarkupLine($"  words {Words(v)}");
        if (HistoryCommands.SummaryLine(v.SummaryJson) is { Length: > 0 } summary) console.MarkupLineInterpolated($"  {summary}");
        console.MarkupLineInterpolated($"  trusted timestamp: {HistoryCommands.TimestampLine(v)}");
    }

    private static string Hash(VersionRecord v) => v.TextSha256[..HashWidth];

    private static string Words(VersionRecord v) => v.Sequence == 1 ? "first" : $"[green]+{v.WordsAdded}[/] [red]-{v.WordsRemoved}[/]";
}
