using System.Globalization;

namespace Snapshots.Changes;

/// <summary>
/// The one-line description of a <see cref="ChangeSummary"/>:
/// "2 sections modified (Data retention, Governing law), 1 added (AI training), 1 moved; +124/−37 words".
/// </summary>
internal static class ChangeDescription
{
    private const int NamesShown = 3;

    public static string Of(ChangeSummary summary)
    {
        if (summary.IsFirst)
            return $"First version: {Plural(summary.SectionsAdded, "section")}, {Number(summary.WordsAdded)} words";
        if (!summary.HasChanges) return "No changes";

        var parts = new List<string>();
        Add(parts, summary, summary.SectionsModified, "modified", SectionChangeKind.Modified);
        Add(parts, summary, summary.SectionsAdded, "added", SectionChangeKind.Added);
        Add(parts, summary, summary.SectionsRemoved, "removed", SectionChangeKind.Removed);
        Add(parts, summary, summary.SectionsRenamed, "renamed", SectionChangeKind.Renamed);
        if (summary.SectionsMoved > 0) parts.Add($"{Number(summary.SectionsMoved)} moved");

        // The first part carries the noun: "2 sections modified", then "1 added".
        var first = parts[0];
        var space = first.IndexOf(' ');
        var count = first[..space] == "1" ? "section" : "sections";
        parts[0] = $"{first[..space]} {count}{first[space..]}";
        var words = $"+{Number(summary.WordsAdded)}/\u2212{Number(summary.WordsRemoved)} words";
        return $"{string.Join(", ", parts)}; {words}{(summary.Coarse ? " (too large to compare word by word: whole paragraphs counted)" : "")}";
    }

    private static void Add(List<string> parts, ChangeSummary summary, int count, string verb, SectionChangeKind kind)
    {
        if (count == 0) return;
        var names = summary.Sections.Where(s => s.Kind == kind)
            .Select(s => kind == SectionChangeKind.Renamed ? $"{s.PreviousTitle} → {s.Title}" : s.Title)
            .ToList();
        var listed = string.Join(", ", names.Take(NamesShown));
        if (count > NamesShown && names.Count > 0) listed += $" and {Number(count - Math.Min(NamesShown, names.Count))} more";
        parts.Add(names.Count == 0 ? $"{Number(count)} {verb}" : $"{Number(count)} {verb} ({listed})");
    }

    private static string Plural(int count, string noun) => $"{Number(count)} {noun}{(count == 1 ? "" : "s")}";

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
