using System.Text;
using System.Text.RegularExpressions;

namespace Snapshots.Extraction;

/// <summary>
/// Escapes Markdown syntax that comes from a page's text (never the structure the renderer writes itself), so that stored text
/// cannot render as a link, an image, emphasis, a code span or raw HTML downstream. Only text that would actually form such
/// syntax is touched: a link needs <c>](</c>, emphasis a pair of delimiters that can open and close, a code span two
/// backticks, HTML a <c>&lt;</c> before a letter, <c>/</c>, <c>!</c> or <c>?</c>. Ordinary legal text (a footnote asterisk,
/// "user_id", "[reserved]", "a &lt; b") is left as it is, so its hash does not change. Line-start markers ("1. ", "# ")
/// are left too: they can only make a list or a heading, and escaping them would change almost every archived text.
/// </summary>
internal static partial class MarkdownEscape
{
    public static string Text(string text)
    {
        if (text.Length == 0 || text.AsSpan().IndexOfAny("*_`<]") < 0) return text;
        var escapeStar = text.Contains('*') && StarPair().IsMatch(text);
        var escapeUnderscore = text.Contains('_') && UnderscorePair().IsMatch(text);
        var escapeBacktick = text.AsSpan().Count('`') >= 2;
        StringBuilder? result = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var escape = c switch
            {
                '*' => escapeStar,
                '_' => escapeUnderscore,
                '`' => escapeBacktick,
                ']' => i + 1 < text.Length && text[i + 1] == '(',
                '<' => i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] is '/' or '!' or '?'),
                _ => false,
            };
            if (escape)
            {
                result ??= new StringBuilder(text.Length + 8).Append(text, 0, i);
                result.Append('\\');
            }
            result?.Append(c);
        }
        return result?.ToString() ?? text;
    }

    /// <summary>A <c>*</c> that can open (followed by a non-space) and, later, one that can close (preceded by a non-space).</summary>
    [GeneratedRegex(@"\*+[^\s*].*?[^\s*]\*|\*[^\s*]\*", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex StarPair();

    /// <summary>The same for <c>_</c>, which CommonMark does not take inside a word ("user_id" stays).</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}])_+[^\s_].*?[^\s_]_(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])_[^\s_]_(?![\p{L}\p{N}])", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex UnderscorePair();
}
