using System.Text.RegularExpressions;
using Snapshots.Changes;
using Snapshots.Text;

namespace Snapshots.Provisions;

/// <summary>
/// Splits one version's Markdown (as <c>MarkdownRenderer</c> writes it) into provisions, in one pass over its lines:
/// <list type="bullet">
/// <item>every paragraph under a heading is a provision; one that starts with a clause number ("3.2 Termination. ...",
/// "(a) ...") is a <see cref="ProvisionKind.Clause"/>;</item>
/// <item>every list item is one, without its marker, with the paragraph that introduces the list (ending in ':') as
/// context, and its parent item as context when it is nested; "(a)" clauses after such a lead-in have it as context too;</item>
/// <item>every row of a pipe table is one, with the header row as context;</item>
/// <item>headings are not provisions but the path of every provision under them; so is a short bold-only paragraph
/// ("**Analytics.**") or a bare numbered title ("3.2 Termination"), which reads as a heading;</item>
/// <item>left out: blocks with almost no words ("1.", "---", "Version:"), list items that only hold a link (site menus),
/// and list items that repeat a heading of the document (a table of contents).</item>
/// </list>
/// Headings inside fenced code are text, as in <see cref="SectionSplitter"/>. Linear in the length of the text.
/// </summary>
internal static partial class ProvisionSplitter
{
    /// <summary>Bold-only or numbered-title paragraphs of at most this many words read as headings.</summary>
    public const int PseudoHeadingWords = 8;

    public static IReadOnlyList<Provision> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Pass(text, HeadingKeys(text)).Run();
    }

    /// <summary>The key of every heading of the text, for telling a table of contents from a list.</summary>
    private static HashSet<string> HeadingKeys(string text)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (IsFence(line)) inFence = !inFence;
            if (inFence || line.Length == 0 || line[0] != '#') continue;
            var heading = Heading().Match(line.ToString());
            if (heading.Success) keys.Add(HeadingText.Key(HeadingText.Plain(heading.Groups[2].Value)));
        }
        return keys;
    }

    private static bool IsFence(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart(' ');
        return line.Length - trimmed.Length <= 3 && (trimmed.StartsWith("```") || trimmed.StartsWith("~~~"));
    }

    /// <summary>One open list item: where its marker sits, its own text so far and what it is read with.</summary>
    private sealed class OpenItem(int markerIndent, int start, int end, IReadOnlyList<TextRange> context)
    {
        public int MarkerIndent { get; } = markerIndent;
        public int Start { get; } = start;
        public int End { get; set; } = end;
        public IReadOnlyList<TextRange> Context { get; } = context;
        public bool Emitted { get; set; }
        public TextRange Range => TextRange.FromBounds(Start, End);
    }

    private sealed class Pass(string text, HashSet<string> headingKeys)
    {
        private readonly List<Provision> provisions = [];
        private readonly HashSet<string> slugs = new(StringComparer.Ordinal);
        private readonly List<(int Level, string Title)> ancestors = [];
        private IReadOnlyList<string> path = [];
        private IReadOnlyList<string> pathWithPseudo = [];

        // The paragraph being read: from the first character of its first line to the end of its last line.
        private int paragraphStart = -1;
        private int paragraphEnd;

        // The open list items, outermost first; blankSinceItem when a blank line ended the list block.
        private readonly List<OpenItem> items = [];

        // The table being read: its row lines; whether the second is the header separator.
        private readonly List<TextRange> rows = [];

        // The paragraph ending in ':' that introduces the lists, tables and "(a)" clauses that follow it.
        private TextRange? leadIn;

        private bool inFence;

        public IReadOnlyList<Provision> Run()
        {
            var position = 0;
            while (position <= text.Length)
            {
                var newline = text.IndexOf('\n', position);
                var lineEnd = newline < 0 ? text.Length : newline;
                var contentEnd = lineEnd > position && text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                Line(position, contentEnd);
                if (newline < 0) break;
                position = newline + 1;
            }
            FlushAll();
            return provisions;
        }

        private void Line(int start, int end)
        {
            var line = text.AsSpan(start, end - start);
            if (inFence)
            {
                if (IsFence(line)) inFence = false;
                ExtendParagraph(start, end);
                return;
            }
            var trimmed = line.TrimStart();
            var indent = line.Length - trimmed.Length;
            trimmed = trimmed.TrimEnd();
            if (trimmed.IsEmpty || trimmed is ">")
            {
                FlushParagraph();
                FlushTable();
                FlushList();
                return;
            }
            if (line[0] == '#' && Heading().Match(line.ToString()) is { Success: true } heading)
            {
                FlushAll();
                EnterHeading(heading.Groups[1].Length, HeadingText.Plain(heading.Groups[2].Value));
                return;
            }
            if (IsFence(line))
            {
                FlushTable();
                FlushList();
                inFence = true;
                ExtendParagraph(start, end);
                return;
            }
            var contentStart = start + indent;
            var contentEnd = contentStart + trimmed.Length;
            if (trimmed[0] == '|')
            {
                FlushParagraph();
                FlushList();
                rows.Add(TextRange.FromBounds(contentStart, contentEnd));
                return;
            }
            var marker = ListMarker().Match(text, contentStart, contentEnd - contentStart);
            if (marker.Success)
            {
                FlushParagraph();
                FlushTable();
                ListItem(indent, contentStart + marker.Length, contentEnd);
                return;
            }
            if (items.Count > 0)
            {
                Continuation(indent, contentStart, contentEnd);
                return;
            }
            FlushTable();
            ExtendParagraph(contentStart, contentEnd);
        }

        private void EnterHeading(int level, string title)
        {
            ancestors.RemoveAll(a => a.Level >= level);
            if (title.Length > 0) ancestors.Add((level, title));
            path = ancestors.Select(a => a.Title).ToArray();
            pathWithPseudo = path;
            leadIn = null;
        }

        private void ExtendParagraph(int start, int end)
        {
            if (paragraphStart < 0) paragraphStart = start;
            paragraphEnd = end;
        }

        private void FlushAll()
        {
            FlushParagraph();
            FlushTable();
            FlushList();
        }

        private void FlushParagraph()
        {
            if (paragraphStart < 0) return;
            var range = TextRange.FromBounds(paragraphStart, paragraphEnd);
            paragraphStart = -1;
            range = PeelTitleLines(range);
            var own = range.SpanOf(text);
            var number = ClauseNumber.Of(own);
            var words = Words(ClauseNumber.Strip(own));
            if (IsPseudoHeading(own, number, words))
            {
                SetPseudoHeading(own);
                return;
            }
            if (IsNearlyEmpty(ClauseNumber.Strip(own), words) || IsMenuLink(own))
            {
                // "Definitions:" is no provision, but it still introduces the list below it.
                leadIn = words > 0 && EndsWithColon(own) ? range : null;
                return;
            }
            var subItem = number is not null && ClauseNumber.IsSubItem(number);
            IReadOnlyList<TextRange> context = subItem && leadIn is { } introduction ? [introduction] : [];
            Emit(number is null ? ProvisionKind.Paragraph : ProvisionKind.Clause, range, context);
            if (EndsWithColon(own)) leadIn = range;
            else if (!subItem) leadIn = null;
        }

        /// <summary>
        /// Title lines at the start of a paragraph of several lines ("**1.5 Personalisation**" followed by a line break and the
        /// text) are taken as headings, and the paragraph starts after them.
        /// </summary>
        private TextRange PeelTitleLines(TextRange range)
        {
            while (true)
            {
                var own = range.SpanOf(text);
                var newline = own.IndexOf('\n');
                if (newline < 0) return range;
                var first = own[..newline].TrimEnd();
                if (!IsPseudoHeading(first, ClauseNumber.Of(first), Words(ClauseNumber.Strip(first)))) return range;
                SetPseudoHeading(first);
                var rest = own[(newline + 1)..];
                var skipped = rest.Length - rest.TrimStart().Length;
                range = TextRange.FromBounds(range.Start + newline + 1 + skipped, range.End);
            }
        }

        private void SetPseudoHeading(ReadOnlySpan<char> title)
        {
            pathWithPseudo = [.. path, HeadingText.Plain(title.ToString()).TrimEnd('.', ':')];
            leadIn = null;
        }

        private void ListItem(int markerIndent, int start, int end)
        {
            while (items.Count > 0 && items[^1].MarkerIndent >= markerIndent) Close(items.Count - 1);
            IReadOnlyList<TextRange> context;
            if (items.Count > 0)
            {
                var parent = items[^1];
                EmitItem(parent);
                context = [.. parent.Context, parent.Range];
            }
            else
            {
                context = leadIn is { } introduction ? [introduction] : [];
            }
            items.Add(new OpenItem(markerIndent, start, end, context));
        }

        /// <summary>A line inside a list that is not an item: more text of the innermost item it is indented under.</summary>
        private void Continuation(int indent, int start, int end)
        {
            var target = items.Count - 1;
            while (target > 0 && items[target].MarkerIndent >= indent) target--;
            while (items.Count - 1 > target) Close(items.Count - 1);
            var item = items[target];
            if (!item.Emitted)
            {
                item.End = end;
                return;
            }
            // The item's text went out when its first nested item began: what follows the nested list is a provision of its own.
            items[target] = new OpenItem(item.MarkerIndent, start, end, item.Context);
        }

        private void Close(int index)
        {
            EmitItem(items[index]);
            items.RemoveAt(index);
        }

        private void FlushList()
        {
            while (items.Count > 0) Close(items.Count - 1);
        }

        private void EmitItem(OpenItem item)
        {
            if (item.Emitted) return;
            item.Emitted = true;
            var own = item.Range.SpanOf(text);
            if (IsNearlyEmpty(ClauseNumber.Strip(own), Words(ClauseNumber.Strip(own))) || IsMenuLink(own) || IsTableOfContents(own)) return;
            Emit(ProvisionKind.ListItem, item.Range, item.Context);
        }

        private void FlushTable()
        {
            if (rows.Count == 0) return;
            var hasHeader = rows.Count > 1 && HeaderSeparator().IsMatch(rows[1].SpanOf(text));
            IReadOnlyList<TextRange> context = [.. (leadIn is { } introduction ? [introduction] : Array.Empty<TextRange>()), .. (hasHeader ? [rows[0]] : Array.Empty<TextRange>())];
            for (var i = hasHeader ? 2 : 0; i < rows.Count; i++)
            {
                if (HeaderSeparator().IsMatch(rows[i].SpanOf(text)) || Words(rows[i].SpanOf(text)) == 0) continue;
                Emit(ProvisionKind.TableRow, rows[i], context);
            }
            rows.Clear();
            leadIn = null;
        }

        private void Emit(ProvisionKind kind, TextRange range, IReadOnlyList<TextRange> context)
        {
            var own = range.SpanOf(text);
            var heading = pathWithPseudo.Count > 0 ? pathWithPseudo[^1] : null;
            var slug = ProvisionSlug.Unique(ProvisionSlug.From(heading, kind == ProvisionKind.TableRow ? own.ToString().Replace('|', ' ') : own), slugs);
            provisions.Add(new Provision(provisions.Count, kind, pathWithPseudo, range, context, Sha256Hex.Of(own), slug));
        }

        private bool IsTableOfContents(ReadOnlySpan<char> own) =>
            headingKeys.Count > 0 && own.Length <= 200 && headingKeys.Contains(HeadingText.Key(HeadingText.Plain(own.ToString())));
    }

    /// <summary>
    /// A paragraph that reads as a heading: bold from end to end, or a clause number with a title, in a few words, either
    /// without a full stop or in title case ("**Online Advertising.**", "3.2 Termination").
    /// </summary>
    private static bool IsPseudoHeading(ReadOnlySpan<char> own, string? number, int words)
    {
        if (words == 0 || words > PseudoHeadingWords || own.Contains('\n')) return false;
        var title = ClauseNumber.Strip(own);
        var bold = title.StartsWith("**") && title.EndsWith("**") && title.Length > 4 && title[2..^2].IndexOf("**") < 0;
        if (number is not null && ClauseNumber.IsSubItem(number) && !bold) return false;
        var plain = HeadingText.Plain(title.ToString()).TrimEnd();
        if (plain.Length == 0 || plain[^1] is ':' or ';' or ',' or '?' or '：' or '；' or '，' or '？') return false;
        if (bold || number is not null) return !(plain.EndsWith('.') || plain.EndsWith('。')) || IsTitleCase(plain);
        // Plain text set as a title by the page's style, not its markup ("No Refunds", "Effect of Termination"): title case in
        // a cased script, no sentence punctuation, no figures (not "Effective: January 20, 2026").
        return IsTitleCase(plain) && plain.Any(char.IsUpper) && plain.AsSpan().IndexOfAny(".:;!?。：；！？") < 0 && !plain.Any(char.IsDigit) && !plain.Contains('[');
    }

    private static bool IsTitleCase(string plain)
    {
        var (capitalised, counted) = (0, 0);
        foreach (var word in plain.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length <= 3 && char.IsLower(word[0])) continue; // "of", "and", "the" stay lower case in titles
            counted++;
            if (!char.IsLower(word[0])) capitalised++;
        }
        return counted > 0 && capitalised == counted;
    }

    /// <summary>
    /// No word, or one short word or label ("1.", "---", "Version:", "Definitions:"). One long run of letters is a sentence
    /// in a script written without spaces, and counts.
    /// </summary>
    private static bool IsNearlyEmpty(ReadOnlySpan<char> own, int words)
    {
        if (words >= 2) return false;
        if (words == 0 || EndsWithColon(own)) return true;
        var letters = 0;
        foreach (var c in own)
            if (LetterOrNumber.Is(c)) letters++;
        return letters < 12;
    }

    private static bool EndsWithColon(ReadOnlySpan<char> own)
    {
        var trimmed = own.TrimEnd().TrimEnd('*').TrimEnd();
        return trimmed.EndsWith(":") || trimmed.EndsWith("：");
    }

    private static bool IsMenuLink(ReadOnlySpan<char> own) => MenuLink().IsMatch(own);

    /// <summary>Words as <c>WordTokens.CountWords</c> counts them: runs of letters and digits.</summary>
    private static int Words(ReadOnlySpan<char> text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = LetterOrNumber.Is(c);
            if (letter && !inWord) words++;
            inWord = letter;
        }
        return words;
    }

    [GeneratedRegex(@"^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex Heading();

    /// <summary>"- ", "* ", "+ ", "1. ", "1) " at the start of the (indented) line.</summary>
    [GeneratedRegex(@"\G(?:[-*+]|\d{1,3}[.)])[ \t]+")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")]
    private static partial Regex HeaderSeparator();

    /// <summary>Links and nothing else: a site menu or a footer, not a provision.</summary>
    [GeneratedRegex(@"^(?:\s*(?:\*\*)?\[[^\]]*\]\([^)]*\)(?:\*\*)?\s*[.;,|·•-]?)+\s*$")]
    private static partial Regex MenuLink();
}
