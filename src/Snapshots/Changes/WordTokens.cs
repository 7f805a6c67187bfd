using System.Text.RegularExpressions;
using Snapshots.Text;

namespace Snapshots.Changes;

/// <summary>
/// Tokens for word diffs: runs of letters/digits (with inner apostrophes and hyphens), single
/// punctuation marks, and whitespace runs. Concatenating the tokens gives back the text.
/// </summary>
internal static partial class WordTokens
{
    public static string[] Split(string text) =>
        Token().Matches(text).Select(m => m.Value).ToArray();

    /// <summary>Words a reader would count: tokens holding a letter or digit (Markdown marks are not words).</summary>
    public static int CountWords(string text)
    {
        // The matches of [\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*, counted in one pass: a letter or digit starts a word unless it
        // follows another, or follows an apostrophe or hyphen that itself follows one (joined words: "don't", "e-mail").
        var words = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!LetterOrNumber.Is(text[i])) continue;
            var joined = i > 0 && (LetterOrNumber.Is(text[i - 1]) || (IsJoiner(text[i - 1]) && i > 1 && LetterOrNumber.Is(text[i - 2])));
            if (!joined) words++;
        }
        return words;
    }

    private static bool IsJoiner(char c) => c is '\'' or '’' or '-';

    public static bool IsWhitespace(string token) => token.Length > 0 && string.IsNullOrWhiteSpace(token);

    [GeneratedRegex(@"\s+|[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]")]
    private static partial Regex Token();
}
