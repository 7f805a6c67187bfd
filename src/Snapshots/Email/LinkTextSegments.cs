using System.Text;
using System.Text.RegularExpressions;

namespace Snapshots.Email;

/// <summary>
/// The archived text writes links as Markdown, <c>[text](url)</c>; an email shows the reader the link text instead. Works on a
/// paragraph's segments together, so a link split across unchanged and changed runs is handled: its brackets and target are
/// dropped, except when the target itself changed, which stays visible as <c>text (url)</c>.
/// </summary>
internal static partial class LinkTextSegments
{
    [GeneratedRegex(@"\[(?<text>[^\[\]\n]*)\](?<target>\((?:[^()\s]|\([^()\s]*\))*\))", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MarkdownLink();

    public static IReadOnlyList<SegmentView> Apply(IReadOnlyList<SegmentView> segments)
    {
        var text = string.Concat(segments.Select(s => s.Text));
        var owner = new int[text.Length];
        for (int i = 0, position = 0; i < segments.Count; i++)
            for (var k = 0; k < segments[i].Text.Length; k++) owner[position++] = i;

        var keep = Enumerable.Repeat(true, text.Length).ToArray();
        var replace = new Dictionary<int, char>();
        foreach (Match link in MarkdownLink().Matches(text))
        {
            var target = link.Groups["target"];
            var targetChanged = Enumerable.Range(target.Index, target.Length).Any(i => segments[owner[i]].Kind != "same");
            keep[link.Index] = false;
            var close = target.Index - 1;
            if (targetChanged)
            {
                replace[close] = ' ';
            }
            else
            {
                for (var i = close; i < target.Index + target.Length; i++) keep[i] = false;
            }
        }

        var result = new List<SegmentView>();
        var builder = new StringBuilder();
        for (var i = 0; i < segments.Count; i++)
        {
            builder.Clear();
            var start = segments.Take(i).Sum(s => s.Text.Length);
            for (var k = 0; k < segments[i].Text.Length; k++)
                if (keep[start + k]) builder.Append(replace.TryGetValue(start + k, out var c) ? c : text[start + k]);
            if (builder.Length > 0) result.Add(segments[i] with { Text = builder.ToString() });
        }
        return result;
    }
}
