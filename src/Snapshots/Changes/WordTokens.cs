using System.Text.RegularExpressions;

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
    public static int CountWords(string text) => Word().Count(text);

    public static bool IsWhitespace(string token) => token.Length > 0 && string.IsNullOrWhiteSpace(token);

    [GeneratedRegex(@"\s+|[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]")]
    private static partial Regex Token();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")]
    private static partial Regex Word();
}
