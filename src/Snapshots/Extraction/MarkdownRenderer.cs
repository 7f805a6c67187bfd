using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// Renders extracted HTML content as canonical Markdown: the same content always gives byte-identical text, whatever
/// the attribute order, indentation, entity spelling or inline styling of the markup.
/// <list type="bullet">
/// <item>h1–h6 → <c>#</c>..<c>######</c>; paragraphs and other blocks separated by one blank line; hr → <c>---</c>;</item>
/// <item>ul → <c>- </c>, ol → <c>1. </c>, <c>2. </c>... (numbered from the <c>start</c> attribute); nested content indented 2 spaces per level;</item>
/// <item>tables → pipe tables, with a header separator when the first row has th cells; <c>|</c> in cells escaped; rows
/// padded with empty cells to the widest row, unless the padding would outnumber the table's cells (a ragged table of
/// thousands of columns: its rows are written as they are);</item>
/// <item>blockquote → <c>&gt; </c>; pre keeps its lines and spacing (trailing spaces trimmed); br → line break;</item>
/// <item>strong and b → <c>**text**</c> (outside headings and links); emphasis, span, code and other inline markup →
/// their text only;</item>
/// <item>page text that would form Markdown syntax (a link, emphasis, a code span, HTML) is escaped, see <see cref="MarkdownEscape"/>;</item>
/// <item>links → <c>[text](url)</c>, see <see cref="LinkTarget"/> and <see cref="LinkNormalizer"/>; links inside headings → text;</item>
/// <item>images → their alt text, never their src (tracking pixels → nothing, see <see cref="Snapshots.Extraction.TrackingPixel"/>); hidden and non-text elements → nothing (<see cref="ContentVisibility"/>);</item>
/// <item>white space folded (see <see cref="Whitespace"/>), lines right-trimmed, a single final newline.</item>
/// </list>
/// What it writes is counted against the page's <see cref="TextAllowance"/> as it goes, at every level, so no page makes it
/// build a text (or take the time and memory) out of proportion to the page; each element also checks the time budget.
/// </summary>
internal static class MarkdownRenderer
{
    private const string Indent = "  ";

    /// <summary>Renders the content roots (elements or fragments of one page, in order) as one Markdown text; empty when they hold no text.</summary>
    public static string Render(IEnumerable<INode> content, Uri pageUrl) => Render(content, pageUrl, TextAllowance.Unbounded(pageUrl));

    /// <inheritdoc cref="Render(IEnumerable{INode}, Uri)"/>
    public static string Render(IEnumerable<INode> content, Uri pageUrl, TextAllowance allowance)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(allowance);
        var roots = content.ToList();
        var links = new LinkTarget(pageUrl, roots.FirstOrDefault()?.Owner);
        var blocks = new MarkdownBlocks(allowance);
        var context = new Context(links, allowance, InHeading: false, InLink: false);
        foreach (var root in roots) RenderNode(root, blocks, context, isSelectedRoot: true);
        return Joined(blocks.Finish());
    }

    /// <summary>The blocks separated by one blank line, every line right-trimmed and ended by a newline; empty when there are none.</summary>
    private static string Joined(IReadOnlyList<string> blocks)
    {
        if (blocks.Count == 0) return "";
        var text = new StringBuilder(blocks.Sum(b => b.Length + 2));
        foreach (var block in blocks)
        {
            if (text.Length > 0) text.Append('\n');
            foreach (var line in block.AsSpan().Split('\n')) text.Append(block.AsSpan(line).TrimEnd()).Append('\n');
        }
        return text.ToString();
    }

    private sealed record Context(LinkTarget Links, TextAllowance Allowance, bool InHeading, bool InLink, bool InBold = false);

    private static void RenderNode(INode node, MarkdownBlocks into, Context context, bool isSelectedRoot = false)
    {
        switch (node)
        {
            case IText text:
                into.AppendText(MarkdownEscape.Text(text.Data));
                break;
            case IElement element:
                RenderElement(element, into, context, isSelectedRoot);
                break;
            case IDocumentFragment or IDocument:
                RenderChildren(node, into, context);
                break;
        }
    }

    private static void RenderChildren(INode node, MarkdownBlocks into, Context context)
    {
        foreach (var child in node.ChildNodes) RenderNode(child, into, context);
    }

    private static void RenderElement(IElement element, MarkdownBlocks into, Context context, bool isSelectedRoot)
    {
        context.Allowance.Tick();
        if (ContentVisibility.IsDropped(element, isSelectedRoot)) return;
        switch (element.LocalName)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                var heading = OneLine(element, context with { InHeading = true });
                if (heading.Length > 0) into.AddBlock(new string('#', element.LocalName[1] - '0') + " " + heading);
                break;
            case "ul" or "ol":
                into.AddBlock(RenderList(element, context));
                break;
            case "table":
                RenderTable(element, into, context);
                break;
            case "blockquote":
                into.AddBlock(Prefixed(Blocks(element, context), "> ", ">", context.Allowance));
                break;
            case "pre":
                into.AddBlock(Preformatted(element.TextContent));
                break;
            case "hr":
                into.AddBlock("---");
                break;
            case "br":
                into.AppendLineBreak();
                break;
            case "img":
                if (Snapshots.Extraction.TrackingPixel.Is(element)) break;
                var alt = Whitespace.FoldAndTrim(element.GetAttribute("alt") ?? "");
                if (alt.Length > 0) into.AppendText(" " + MarkdownEscape.Text(alt) + " ");
                break;
            case "a" when !context.InLink:
                RenderLink(element, into, context);
                break;
            case "strong" or "b" when !context.InHeading && !context.InLink && !context.InBold:
                RenderBold(element, into, context);
                break;
            default:
                if (IsBlock(element.LocalName))
                {
                    into.EndParagraph();
                    RenderChildren(element, into, context);
                    into.EndParagraph();
                }
                else
                {
                    RenderChildren(element, into, context);
                }
                break;
        }
    }

    private static void RenderLink(IElement link, MarkdownBlocks into, Context context)
    {
        var raw = link.TextContent;
        var text = OneLine(link, context with { InLink = true });
        var url = context.Links.UrlOf(link);
        if (url is null && LinkTarget.IsAnchorGlyph(text)) return;
        if (text.Length == 0) return;
        var spaceBefore = raw.Length > 0 && char.IsWhiteSpace(raw[0]);
        var spaceAfter = raw.Length > 0 && char.IsWhiteSpace(raw[^1]);
        into.AppendRendered(url is null || context.InHeading ? text : $"[{text}]({url})", spaceBefore, spaceAfter);
    }

    /// <summary>
    /// Bold text is <c>**text**</c>: in a legal text, newly emphasising a clause can matter. Its content goes on one line;
    /// bold inside headings, links and other bold is not marked again. Bold holding no text is nothing.
    /// </summary>
    private static void RenderBold(IElement bold, MarkdownBlocks into, Context context)
    {
        var raw = bold.TextContent;
        var text = OneLine(bold, context with { InBold = true });
        if (text.Length == 0) return;
        var spaceBefore = raw.Length > 0 && char.IsWhiteSpace(raw[0]);
        var spaceAfter = raw.Length > 0 && char.IsWhiteSpace(raw[^1]);
        into.AppendRendered($"**{text}**", spaceBefore, spaceAfter);
    }

    private static string RenderList(IElement list, Context context)
    {
        var ordered = list.LocalName == "ol";
        var number = ordered && int.TryParse(list.GetAttribute("start"), out var start) ? start : 1;
        var lines = new List<string>();
        foreach (var child in list.ChildNodes)
        {
            if (child is IElement { LocalName: "li" } item)
            {
                if (ContentVisibility.IsDropped(item, isSelectedRoot: false)) continue;
                var marker = ordered ? $"{number++}. " : "- ";
                var itemLines = Blocks(item, context).SelectMany(block => block.Split('\n')).ToList();
                if (itemLines.Count == 0) continue;
                context.Allowance.Write(marker.Length + (itemLines.Count - 1) * Indent.Length + itemLines.Sum(line => line.Length + 1L));
                lines.Add(marker + itemLines[0]);
                lines.AddRange(itemLines.Skip(1).Select(line => Indent + line));
            }
            else
            {
                // Content misplaced directly in the list (a nested list without its li): part of the previous item.
                var stray = new MarkdownBlocks(context.Allowance);
                RenderNode(child, stray, context);
                var strayLines = stray.Finish().SelectMany(block => block.Split('\n')).ToList();
                context.Allowance.Write(strayLines.Sum(line => Indent.Length + line.Length + 1L));
                lines.AddRange(strayLines.Select(line => Indent + line));
            }
        }
        return string.Join('\n', lines);
    }

    private static void RenderTable(IElement table, MarkdownBlocks into, Context context)
    {
        if (table.QuerySelector("caption") is { } caption) into.AddBlock(OneLine(caption, context));
        var rows = (table as IHtmlTableElement)?.Rows.Where(row => !ContentVisibility.IsDropped(row, isSelectedRoot: false)).ToList() ?? [];
        var cells = rows
            .Select(row => row.Cells.Select(cell => OneLine(cell, context).Replace("|", "\\|")).ToList())
            .ToList();
        if (cells.All(row => row.All(cell => cell.Length == 0))) return;
        var columns = cells.Max(row => row.Count);
        var header = rows.Count > 0 && rows[0].Cells.Any(cell => cell.LocalName == "th");
        var padding = cells.Sum(row => (long)(columns - row.Count));
        var pad = padding <= Math.Max(AlwaysPaddedCells, cells.Sum(row => (long)row.Count));
        var text = new StringBuilder();
        for (var r = 0; r < cells.Count; r++)
        {
            var width = pad ? columns : cells[r].Count;
            context.Allowance.Write(cells[r].Sum(cell => cell.Length + 3L) + 3L * (width - cells[r].Count) + 2
                                    + (r == 0 && header ? 6L * columns + 2 : 0));
            var padded = cells[r].Concat(Enumerable.Repeat("", width - cells[r].Count));
            text.Append("| ").Append(string.Join(" | ", padded)).Append(" |\n");
            if (r == 0 && header) text.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", columns))).Append('\n');
        }
        into.AddBlock(text.ToString().TrimEnd('\n'));
    }

    /// <summary>Empty cells a table is always padded with, whatever its own cells (beyond this, at most as many as it has cells).</summary>
    private const int AlwaysPaddedCells = 10_000;

    private static IReadOnlyList<string> Blocks(INode node, Context context)
    {
        var blocks = new MarkdownBlocks(context.Allowance);
        RenderChildren(node, blocks, context);
        return blocks.Finish();
    }

    private static string OneLine(INode node, Context context)
    {
        var blocks = new MarkdownBlocks(context.Allowance);
        RenderChildren(node, blocks, context);
        return blocks.FinishAsOneLine();
    }

    private static string Prefixed(IReadOnlyList<string> blocks, string prefix, string emptyLinePrefix, TextAllowance allowance)
    {
        var lines = string.Join("\n\n", blocks).Split('\n');
        allowance.Write(lines.Sum(line => prefix.Length + line.Length + 1L));
        return string.Join('\n', lines.Select(line => line.Length == 0 ? emptyLinePrefix : prefix + line));
    }

    private static string Preformatted(string text)
    {
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n')
            .Select(line => new string(line.Where(c => !Whitespace.IsInvisible(c)).Select(c => c == '\u00A0' ? ' ' : c).ToArray()).TrimEnd())
            .SkipWhile(line => line.Length == 0)
            .Reverse().SkipWhile(line => line.Length == 0).Reverse();
        return string.Join('\n', lines);
    }

    internal static bool IsBlock(string name) => name is
        "p" or "div" or "section" or "article" or "main" or "header" or "footer" or "nav" or "aside" or "body" or "html"
        or "address" or "figure" or "figcaption" or "details" or "summary" or "dl" or "dt" or "dd" or "li" or "fieldset"
        or "legend" or "center" or "caption" or "tr" or "td" or "th" or "thead" or "tbody" or "tfoot" or "hgroup"
        or "search" or "dialog" or "menu" or "form";
}
