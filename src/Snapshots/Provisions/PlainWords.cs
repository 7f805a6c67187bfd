using System.Text;

namespace Snapshots.Provisions;

/// <summary>
/// The words of a provision as the clause patterns read them, with the way back to the Markdown: bold and emphasis marks,
/// link targets and backslash escapes left out, every run of white space one space, typographic quotes and apostrophes
/// straight, non-breaking spaces plain. <see cref="ToOriginal"/> maps a range of <see cref="Text"/> back to the text given.
/// </summary>
internal sealed class PlainWords
{
    private readonly int[] map;

    private PlainWords(string text, int[] map)
    {
        Text = text;
        this.map = map;
    }

    public string Text { get; }

    public static PlainWords Of(string markdown)
    {
        var text = new StringBuilder(markdown.Length);
        var map = new List<int>(markdown.Length);
        var space = true; // no space at the start
        for (var i = 0; i < markdown.Length; i++)
        {
            var c = markdown[i];
            if (c == '\\' && i + 1 < markdown.Length && (char.IsPunctuation(markdown[i + 1]) || char.IsSymbol(markdown[i + 1]))) continue;
            if ((c == '*' || c == '_') && i + 1 < markdown.Length && markdown[i + 1] == c)
            {
                i++;
                continue;
            }
            if (c == ']' && i + 1 < markdown.Length && markdown[i + 1] == '(')
            {
                // The end of a link's text: its target is no part of what it says.
                var close = markdown.IndexOf(')', i + 2);
                if (close > 0 && markdown.AsSpan(i + 2, close - i - 2).IndexOfAny(" \n") < 0)
                {
                    i = close;
                    continue;
                }
            }
            if (c == '[' && IsLinkStart(markdown, i)) continue;
            if (char.IsWhiteSpace(c))
            {
                if (!space) Append(' ', i);
                space = true;
                continue;
            }
            space = false;
            Append(c switch
            {
                '’' or '‘' or '′' => '\'',
                '“' or '”' or '″' => '"',
                _ => c,
            }, i);
        }
        if (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
            map.RemoveAt(map.Count - 1);
        }
        return new PlainWords(text.ToString(), map.ToArray());

        void Append(char c, int index)
        {
            text.Append(c);
            map.Add(index);
        }
    }

    /// <summary>A '[' that opens a link's text: "](" follows on the same line, within a link text's reach.</summary>
    private static bool IsLinkStart(string markdown, int index)
    {
        var reach = markdown.AsSpan(index + 1, Math.Min(MaxLinkText, markdown.Length - index - 1));
        var end = reach.IndexOf("](");
        return end >= 0 && reach[..end].IndexOfAny('\n', '[') < 0;
    }

    private const int MaxLinkText = 400;

    /// <summary>The range of the original text that <paramref name="start"/> and <paramref name="length"/> of <see cref="Text"/> cover.</summary>
    public TextRange ToOriginal(int start, int length)
    {
        if (length == 0) return new TextRange(map.Length == 0 ? 0 : map[Math.Min(start, map.Length - 1)], 0);
        var first = map[start];
        var last = map[start + length - 1];
        return TextRange.FromBounds(first, last + 1);
    }
}
