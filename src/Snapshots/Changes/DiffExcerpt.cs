using System.Globalization;
using System.Text.RegularExpressions;

namespace Snapshots.Changes;

/// <summary>
/// The changed paragraphs only, with a few words of unchanged context around each change, capped in length.
/// Knows how much of the change it shows: "showing 1,200 of 8,450 changed characters".
/// </summary>
public sealed partial record DiffExcerpt(IReadOnlyList<ExcerptHunk> Hunks, int ShownChangedCharacters, int TotalChangedCharacters)
{
    public const string Ellipsis = "…";

    public bool IsTruncated => ShownChangedCharacters < TotalChangedCharacters;

    /// <summary>"showing 1,200 of 8,450 changed characters", or "8,450 changed characters" when nothing was cut.</summary>
    public string SizeNote => IsTruncated
        ? $"showing {Number(ShownChangedCharacters)} of {Number(TotalChangedCharacters)} changed characters"
        : $"{Number(TotalChangedCharacters)} changed characters";

    public static DiffExcerpt Build(DocumentDiff diff, int contextWords = 10, int maxCharacters = 2000) =>
        Build(diff.Sections, contextWords, maxCharacters);

    /// <param name="contextWords">Unchanged words kept on each side of a change.</param>
    /// <param name="maxCharacters">Cap on the text of all segments together, context and ellipses included.</param>
    public static DiffExcerpt Build(IEnumerable<SectionDiff> sections, int contextWords = 10, int maxCharacters = 2000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(contextWords);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharacters, 1);

        var all = sections.SelectMany(s => s.Hunks.Select(h => (Section: s.Change, Hunk: h))).ToList();
        var total = all.Sum(x => x.Hunk.ChangedCharacters);
        var shown = new List<ExcerptHunk>();
        int budget = maxCharacters, shownChanged = 0;

        foreach (var (section, hunk) in all)
        {
            var segments = WithContext(hunk.Segments, contextWords);
            var overflows = segments.Sum(s => s.Text.Length) > budget;
            if (overflows) segments = Cut(segments, budget);
            if (!segments.Any(s => s.IsChange)) break;

            shown.Add(new ExcerptHunk(section.FullPath, section.Kind, segments));
            shownChanged += segments.Where(s => s.IsChange).Sum(s => s.Text.Length - (s.Text.EndsWith(Ellipsis) && overflows ? Ellipsis.Length : 0));
            budget -= segments.Sum(s => s.Text.Length);
            if (overflows) break;
        }
        return new DiffExcerpt(shown, Math.Min(shownChanged, total), total);
    }

    /// <summary>Keeps <paramref name="words"/> unchanged words next to each change; the rest becomes "…".</summary>
    private static List<InlineSegment> WithContext(IReadOnlyList<InlineSegment> segments, int words)
    {
        var result = new List<InlineSegment>();
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (segment.IsChange)
            {
                result.Add(segment);
                continue;
            }
            var text = segment.Text;
            var before = i > 0; // a change precedes this text
            var after = i < segments.Count - 1; // a change follows it
            text = WithinLines(text, before, after);
            var spans = Word().Matches(text);
            if (spans.Count > (before && after ? 2 * words : words))
            {
                var head = before ? text[..End(spans, words)] : "";
                var tail = after ? text[Start(spans, spans.Count - words, text.Length)..] : "";
                text = before && after ? head + " " + Ellipsis + " " + tail.TrimStart()
                    : before ? head + " " + Ellipsis
                    : Ellipsis + " " + tail.TrimStart();
            }
            result.Add(segment with { Text = text });
        }
        return result;
    }

    /// <summary>
    /// Context stays on the changed line: in a table row or a list the neighbouring lines (other rows, the header
    /// separator) say nothing about the change, so they are left out with an ellipsis.
    /// </summary>
    private static string WithinLines(string text, bool before, bool after)
    {
        var first = text.IndexOf('\n');
        if (first < 0) return text;
        var last = text.LastIndexOf('\n');
        var head = before ? text[..first] : "";
        var tail = after ? text[(last + 1)..] : "";
        return before && after ? head + " " + Ellipsis + " " + tail
            : before ? head + " " + Ellipsis
            : Ellipsis + " " + tail;
    }

    /// <summary>Segments up to <paramref name="budget"/> characters, the last one cut at a word with "…".</summary>
    private static List<InlineSegment> Cut(List<InlineSegment> segments, int budget)
    {
        var result = new List<InlineSegment>();
        foreach (var segment in segments)
        {
            if (segment.Text.Length <= budget)
            {
                result.Add(segment);
                budget -= segment.Text.Length;
                continue;
            }
            var room = budget - Ellipsis.Length;
            if (room > 0)
            {
                var cut = segment.Text[..room];
                var lastSpace = cut.LastIndexOf(' ');
                if (lastSpace > room / 2) cut = cut[..lastSpace];
                result.Add(segment with { Text = cut + Ellipsis });
            }
            break;
        }
        return result;
    }

    private static int End(MatchCollection spans, int count) => count == 0 ? 0 : spans[count - 1].Index + spans[count - 1].Length;

    private static int Start(MatchCollection spans, int index, int length) => index >= spans.Count ? length : spans[index].Index;

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\S+")]
    private static partial Regex Word();
}
