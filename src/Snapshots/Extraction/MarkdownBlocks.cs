using System.Text;

namespace Snapshots.Extraction;

/// <summary>
/// Collects rendered Markdown as a sequence of blocks. Inline text accumulates into the current paragraph until a
/// block boundary; then its white space is folded (a <c>br</c> survives as a line break) and it becomes one block.
/// Everything written is counted against the page's <see cref="TextAllowance"/> before it is kept.
/// </summary>
internal sealed class MarkdownBlocks(TextAllowance allowance)
{
    /// <summary>Stands for a <c>br</c> inside inline text until the paragraph is folded.</summary>
    private const char LineBreak = '\uE000';

    private readonly List<string> _blocks = [];
    private readonly StringBuilder _inline = new();

    public void AppendText(string text)
    {
        allowance.Write(text.Length);
        _inline.Append(text);
    }

    public void AppendLineBreak()
    {
        allowance.Write(1);
        _inline.Append(LineBreak);
    }

    /// <summary>Inline Markdown already folded (a rendered link), kept apart from its neighbours as the source spacing says.</summary>
    public void AppendRendered(string markdown, bool spaceBefore, bool spaceAfter)
    {
        allowance.Write(markdown.Length + 2);
        if (spaceBefore) _inline.Append(' ');
        _inline.Append(markdown);
        if (spaceAfter) _inline.Append(' ');
    }

    public void EndParagraph()
    {
        if (_inline.Length == 0) return;
        var inline = _inline.ToString();
        var paragraph = inline.Contains(LineBreak)
            ? string.Join('\n', inline.Split(LineBreak).Select(Whitespace.FoldAndTrim).Where(line => line.Length > 0))
            : Whitespace.FoldAndTrim(inline);
        _inline.Clear();
        if (paragraph.Length > 0) _blocks.Add(paragraph);
    }

    public void AddBlock(string block)
    {
        EndParagraph();
        allowance.Write(block.Length);
        if (block.Length > 0) _blocks.Add(block);
    }

    /// <summary>Ends the open paragraph and returns every block, in order.</summary>
    public IReadOnlyList<string> Finish()
    {
        EndParagraph();
        return _blocks;
    }

    /// <summary>All content on one line (for headings, table cells and link text): blocks and line breaks become spaces.</summary>
    public string FinishAsOneLine() => Whitespace.FoldAndTrim(string.Join(' ', Finish()));
}
