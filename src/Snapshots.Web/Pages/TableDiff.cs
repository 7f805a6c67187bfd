using System.Text.RegularExpressions;
using Snapshots.Changes;

namespace Snapshots.Web.Pages;

/// <summary>
/// A changed Markdown table shown as a table: the rows of the two versions matched in order (longest common run of identical
/// rows), a removed row and an added one with the same first cell (or most cells) read as that row changed, and a changed row compared cell by cell, word by word.
/// Used when a changed paragraph is a table on both sides (every line starts with <c>|</c>); bounded: a table of more than
/// <see cref="MaxRows"/> rows or <see cref="MaxCells"/> cells a row, or whose diff would exceed <see cref="MaxRuns"/> runs, stays
/// a paragraph of words.
/// </summary>
public static partial class TableDiff
{
    public const int MaxRows = 1_000;
    public const int MaxCells = 64;
    public const int MaxRuns = 2_000;

    /// <summary>The table of a changed paragraph, or null when it is not a table or is past the bounds.</summary>
    public static TableDiffView? Of(DiffHunk hunk)
    {
        var before = hunk.Kind == DiffHunkKind.Inserted ? [] : Rows(hunk.PreviousText);
        var after = hunk.Kind == DiffHunkKind.Deleted ? [] : Rows(hunk.CurrentText);
        if (before is null || after is null || (before.Count == 0 && after.Count == 0)) return null;
        if (before.Count > MaxRows || after.Count > MaxRows) return null;
        if (before.Concat(after).Any(r => r.Count > MaxCells)) return null;
        var width = before.Concat(after).Max(r => r.Count);
        var rows = new List<TableRowDiffView>();
        var runs = 0;
        foreach (var (kind, a, b) in Align(before, after))
        {
            var cells = new List<IReadOnlyList<SegmentView>>();
            for (var i = 0; i < width; i++)
            {
                var x = a is null ? null : Cell(a, i);
                var y = b is null ? null : Cell(b, i);
                IReadOnlyList<SegmentView> segments = kind switch
                {
                    "same" => [new SegmentView("same", y!)],
                    "ins" => [new SegmentView("ins", y!)],
                    "del" => [new SegmentView("del", x!)],
                    _ => x == y ? [new SegmentView("same", y!)] : WordDiff.CompareWords(x!, y!).Select(DiffView.Segment).ToList(),
                };
                cells.Add(segments.Where(s => s.Text.Length > 0).ToList());
                runs += 1 + segments.Count;
            }
            rows.Add(new TableRowDiffView(kind, cells));
            if (runs > MaxRuns) return null;
        }
        return new TableDiffView(rows);
    }

    /// <summary>The rows of a table (the separator row left out), each its cells trimmed; null when a line is not a table row.</summary>
    internal static List<List<string>>? Rows(string text)
    {
        var rows = new List<List<string>>();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (!line.StartsWith('|')) return null;
            var cells = Cells(line);
            if (cells.Count > 0 && cells.All(c => Separator().IsMatch(c))) continue;
            rows.Add(cells);
        }
        return rows;
    }

    private static List<string> Cells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        for (var i = 1; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length && line[i + 1] == '|') { cell.Append('|'); i++; }
            else if (c == '|') { cells.Add(cell.ToString().Trim()); cell.Clear(); }
            else cell.Append(c);
        }
        if (cell.ToString().Trim() is { Length: > 0 } last) cells.Add(last);
        return cells;
    }

    private static string Cell(List<string> row, int i) => i < row.Count ? row[i] : "";

    /// <summary>Identical rows matched in order (longest common subsequence); between them, removed rows paired with added ones as changed.</summary>
    private static IEnumerable<(string Kind, List<string>? Before, List<string>? After)> Align(List<List<string>> before, List<List<string>> after)
    {
        var a = before.Select(r => string.Join('\u001f', r)).ToArray();
        var b = after.Select(r => string.Join('\u001f', r)).ToArray();
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
        int x = 0, y = 0;
        var removed = new List<List<string>>();
        var added = new List<List<string>>();
        var result = new List<(string, List<string>?, List<string>?)>();
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                Flush();
                result.Add(("same", before[x++], after[y++]));
            }
            else if (y < b.Length && (x == a.Length || lengths[x, y + 1] >= lengths[x + 1, y])) added.Add(after[y++]);
            else removed.Add(before[x++]);
        }
        Flush();
        return result;

        void Flush()
        {
            // A removed row and an added one are one row changed when they are related (the same name);
            // unrelated rows stay a removal and an addition.
            var pairedWith = new int?[removed.Count];
            var taken = new bool[added.Count];
            for (var i = 0; i < removed.Count; i++)
                for (var j = 0; j < added.Count; j++)
                    if (!taken[j] && Related(removed[i], added[j])) { pairedWith[i] = j; taken[j] = true; break; }
            for (var i = 0; i < removed.Count; i++)
                result.Add(pairedWith[i] is { } j ? ("mod", removed[i], added[j]) : ("del", removed[i], null));
            result.AddRange(added.Where((_, j) => !taken[j]).Select(r => ("ins", (List<string>?)null, (List<string>?)r)));
            removed.Clear();
            added.Clear();
        }
    }

    /// <summary>The same first cell (a row's name, usually), or more than half the cells the same in their columns.</summary>
    private static bool Related(List<string> a, List<string> b) =>
        (a.Count > 0 && b.Count > 0 && a[0].Length > 0 && a[0] == b[0])
        || Enumerable.Range(0, Math.Min(a.Count, b.Count)).Count(i => a[i].Length > 0 && a[i] == b[i]) * 2 > Math.Max(a.Count, b.Count);

    [GeneratedRegex(@"^:?-+:?$")]
    private static partial Regex Separator();
}

/// <summary>A changed table: its rows in order, each <c>same</c>, <c>ins</c>, <c>del</c> or <c>mod</c>, its cells aligned.</summary>
public sealed record TableDiffView(IReadOnlyList<TableRowDiffView> Rows)
{
    public int Runs => Rows.Sum(r => 1 + r.Cells.Sum(c => 1 + c.Count));
}

/// <summary>A row: each cell a list of runs (<c>same</c>, <c>ins</c>, <c>del</c>), as many cells as the widest row.</summary>
public sealed record TableRowDiffView(string Kind, IReadOnlyList<IReadOnlyList<SegmentView>> Cells);
