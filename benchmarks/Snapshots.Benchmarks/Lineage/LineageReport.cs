using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Snapshots.Extraction;
using Snapshots.Fetching;
using Snapshots.Provisions;
using Snapshots.Tracking;

namespace Snapshots.Benchmarks.Lineage;

/// <summary>
/// <c>lineage --replay DIR [--output FILE]</c>: how well provision identities follow real history. Each series of DIR is
/// extracted capture by capture (the declaration in force at its time), each new text is a version, and its provisions follow
/// the version before (<see cref="ProvisionLedger.Map"/>, as a check builds them). For every change it compares the provisions
/// the lineage marks changed with those a reader would name: the provisions whose text (white space and a leading clause
/// number aside) appears on one side only. It also renumbers every version's clauses and headings (3.2 → 4.2, "## 3." → "## 4.")
/// and follows the renumbered text: nothing may be added, removed or modified.
/// </summary>
public static partial class LineageReport
{
    public static int Run(IReadOnlyList<string> arguments)
    {
        string? replay = null, output = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            string Value() => i + 1 < arguments.Count ? arguments[++i] : throw new ArgumentException($"{arguments[i]} needs a value");
            switch (arguments[i])
            {
                case "--replay": replay = Value(); break;
                case "--output": output = Value(); break;
                default: throw new ArgumentException($"unknown option {arguments[i]}: use --replay DIR, --output FILE");
            }
        }
        if (replay is null) throw new ArgumentException("lineage needs --replay DIR (a folder of replay series, e.g. ../shared/replay)");

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"## Provision lineage on the replay series of {replay}");
        report.AppendLine();
        report.AppendLine("| series | versions | provisions (last) | changes | marked changed | a reader would name | precision | recall | added+removed of the same words | versions renumbered (numbers) | renumbered: added+removed / modified |");
        report.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        var totals = new Tally();
        foreach (var folder in Directory.GetDirectories(replay).Order(StringComparer.Ordinal))
        {
            var history = HistoryFolder.Read(folder);
            if (!history.HasDeclarations) continue;
            var tally = Series(history);
            totals.Add(tally);
            report.AppendLine(Row(Path.GetFileName(folder), tally));
        }
        report.AppendLine(Row("**all**", totals));
        report.AppendLine();
        report.AppendLine("Precision: of the provisions the lineage marks changed, the share whose words changed. Recall: of the provisions whose words changed, the share marked changed. A provision split or merged counts on both sides.");
        Console.WriteLine(report);
        if (output is not null) File.WriteAllText(output, report.ToString());
        return totals.RenumberedAddedRemoved + totals.RenumberedModified + totals.SameWordsAddedRemoved == 0 ? 0 : 1;
    }

    private static string Row(string name, Tally t) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {t.Versions} | {t.LastProvisions} | {t.Changes} | {t.Marked} | {t.Named} | {Share(t.Both, t.Marked)} | {Share(t.Both, t.Named)} | {t.SameWordsAddedRemoved} | {t.RenumberedVersions} ({t.RenumberedNumbers}) | {t.RenumberedAddedRemoved} / {t.RenumberedModified} |");

    private static string Share(int part, int whole) => whole == 0 ? "–" : (part / (double)whole).ToString("P1", CultureInfo.InvariantCulture);

    private static Tally Series(HistoryFolder history)
    {
        var extractor = new DocumentExtractor();
        var filter = new TextFilter();
        var tally = new Tally();
        string? previousText = null;
        ProvisionMap? previous = null;
        foreach (var capture in history.Captures.Where(c => c.Parts.Count == 1 && c.MediaType == MediaTypes.Html))
        {
            var (declaration, _) = history.DeclarationAt(capture.CapturedAt, "Terms of Service", "Replay", "replay");
            var source = declaration.Sources[0];
            var url = new Uri(source.Fetch);
            string text;
            try { text = filter.Apply(extractor.Extract(new FetchedPage(url, url, 200, MediaTypes.Html, capture.ReadBytes(), null, null, false), source), declaration, url); }
            catch (ExtractionException) { continue; }
            if (text == previousText || text.Trim().Length == 0) continue;

            var map = ProvisionLedger.Map(tally.Versions + 1, text, previous, previousText);
            tally.Versions++;
            tally.LastProvisions = map.Provisions.Count;
            if (previous is not null) Compare(previous, previousText!, map, text, tally);
            Renumbered(map, text, tally);
            (previous, previousText) = (map, text);
        }
        return tally;
    }

    /// <summary>The provisions marked changed against those whose words are on one side only, by id.</summary>
    private static void Compare(ProvisionMap before, string beforeText, ProvisionMap after, string afterText, Tally tally)
    {
        var oldWords = before.Provisions.ToDictionary(p => p.Id, p => Words(p.Provision.Text(beforeText)));
        var newWords = after.Provisions.ToDictionary(p => p.Id, p => Words(p.Provision.Text(afterText)));
        var oldSet = oldWords.Values.ToHashSet(StringComparer.Ordinal);
        var newSet = newWords.Values.ToHashSet(StringComparer.Ordinal);
        var named = oldWords.Where(p => !newSet.Contains(p.Value)).Select(p => p.Key)
            .Concat(newWords.Where(p => !oldSet.Contains(p.Value)).Select(p => p.Key)).ToHashSet(StringComparer.Ordinal);
        var marked = after.Events.Where(e => e.IsChange).SelectMany(e => e.PreviousIds.Concat(e.CurrentIds)).ToHashSet(StringComparer.Ordinal);
        if (named.Count == 0 && marked.Count == 0) return;
        tally.Changes++;
        tally.Marked += marked.Count;
        tally.Named += named.Count;
        tally.Both += marked.Count(named.Contains);

        var added = after.Events.Where(e => e.Kind == ProvisionEventKind.Added).Select(e => newWords[e.CurrentId!]).ToHashSet(StringComparer.Ordinal);
        tally.SameWordsAddedRemoved += after.Events.Count(e => e.Kind == ProvisionEventKind.Removed && added.Contains(oldWords[e.PreviousId!]));
    }

    /// <summary>Follows the text into itself renumbered: every event must be unchanged, renumbered or moved.</summary>
    private static void Renumbered(ProvisionMap map, string text, Tally tally)
    {
        var renumbered = Renumber(text);
        if (renumbered == text) return;
        tally.RenumberedVersions++;
        tally.RenumberedNumbers += BlockNumber().Count(text);
        var result = ProvisionLineage.Follow(text, map.Provisions, checked((int)map.Sequence + 1), renumbered, ProvisionSplitter.Split(renumbered), map.RetiredSlugs);
        tally.RenumberedAddedRemoved += result.Count(ProvisionEventKind.Added) + result.Count(ProvisionEventKind.Removed);
        tally.RenumberedModified += result.Count(ProvisionEventKind.Modified) + result.Count(ProvisionEventKind.Split) + result.Count(ProvisionEventKind.Merged);
    }

    /// <summary>
    /// Every clause or heading number that starts a block (a paragraph, heading or list item) one higher in its first part:
    /// "3.2 " → "4.2 ", "## 3. " → "## 4. " (a bare number, "18 years", is text; so are numbers inside a paragraph's lines).
    /// </summary>
    internal static string Renumber(string text) => BlockNumber().Replace(text, m =>
        m.Groups["lead"].Value + (int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture) + m.Groups["rest"].Value);

    /// <summary>The text as a reader compares it: white space folded, a leading clause number aside; words, punctuation and link targets count.</summary>
    private static string Words(string text) => string.Join(' ', Whitespace().Split(ClauseText(text)).Where(w => w.Length > 0));

    private static string ClauseText(string text) => LeadingNumber().Replace(text.TrimStart(), m => m.Groups["lead"].Value, 1);

    [GeneratedRegex(@"(?m)^(?<lead>(?:#{1,6} +)?(?:[-*] +)?)(?<n>\d{1,3})(?<rest>(?:\.\d{1,3})+\.? |\. )")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"(?<=\A|\n\n|\n(?=[-*] ))(?<lead>(?:#{1,6} +)?(?:[-*] +)?)(?<n>\d{1,3})(?<rest>(?:\.\d{1,3})+\.? |\. )")]
    private static partial Regex BlockNumber();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed class Tally
    {
        public int Versions, LastProvisions, Changes, Marked, Named, Both, SameWordsAddedRemoved, RenumberedVersions, RenumberedNumbers, RenumberedAddedRemoved, RenumberedModified;

        public void Add(Tally t)
        {
            Versions += t.Versions; LastProvisions += t.LastProvisions; Changes += t.Changes; Marked += t.Marked; Named += t.Named; Both += t.Both;
            SameWordsAddedRemoved += t.SameWordsAddedRemoved; RenumberedVersions += t.RenumberedVersions; RenumberedNumbers += t.RenumberedNumbers; RenumberedAddedRemoved += t.RenumberedAddedRemoved; RenumberedModified += t.RenumberedModified;
        }
    }
}
