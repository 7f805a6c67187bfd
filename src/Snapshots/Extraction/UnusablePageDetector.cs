using System.Text.RegularExpressions;
using Snapshots.Text;

namespace Snapshots.Extraction;

/// <summary>
/// Recognizes pages served with status 200 that are not the document: bot challenges, block and error pages, and
/// near-empty pages (rules in <see cref="BuiltInNoiseRules"/>). Such a check is recorded as failed with the reason,
/// never as a version.
/// </summary>
internal static partial class UnusablePageDetector
{
    /// <summary>Why the page is not the document, or null when it may be.</summary>
    /// <param name="rawHtml">The raw page as decoded (null for PDF and plain text); only its title is read.</param>
    /// <param name="text">The normalized text extracted from it.</param>
    /// <param name="previousTextLength">Length in characters of the document's current version, if any.</param>
    public static string? ReasonToRefuse(string? rawHtml, string text, int? previousTextLength)
    {
        if (rawHtml is not null && TitleOf(rawHtml) is { Length: > 0 } title)
        {
            var rule = BuiltInNoiseRules.UnusablePageTitles.FirstOrDefault(r => title.StartsWith(r.Match, StringComparison.OrdinalIgnoreCase));
            if (rule is not null) return $"the page is not the document: its title \"{Snapshots.Text.VisibleText.Bounded(title, 120)}\" marks a {rule.Reason}";
        }

        var words = WordCount(text, Math.Max(BuiltInNoiseRules.ShortPageWords, BuiltInNoiseRules.NearEmptyWords));
        if (words < BuiltInNoiseRules.ShortPageWords)
        {
            var phrase = BuiltInNoiseRules.UnusablePagePhrases.FirstOrDefault(r => text.Contains(r.Match, StringComparison.OrdinalIgnoreCase));
            if (phrase is not null) return $"the page is not the document: only {words} words, including \"{phrase.Match}\" ({phrase.Reason})";
        }

        if (words < BuiltInNoiseRules.NearEmptyWords && previousTextLength is { } previous
            && previous >= (long)text.Length * BuiltInNoiseRules.NearEmptyShrinkFactor)
            return $"the page is near-empty: {words} words ({text.Length} characters) where the current version has {previous} characters";
        return null;
    }

    public static int WordCount(string text) => WordCount(text, int.MaxValue);

    /// <summary>
    /// The words of the text, counted only up to <paramref name="enough"/>: the tests of a page need to know whether it is
    /// short, and a document of thousands of words is then read no further than its first hundred.
    /// </summary>
    public static int WordCount(string text, int enough)
    {
        // Runs of letters and digits (Unicode categories L and N, one UTF-16 unit at a time, as the regex [\p{L}\p{N}]+ counts them).
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letterOrDigit = LetterOrNumber.Is(c);
            if (letterOrDigit && !inWord && ++words >= enough) return words;
            inWord = letterOrDigit;
        }
        return words;
    }

    /// <summary>The text of the first &lt;title&gt; in the first 64 KiB of the page, white space folded.</summary>
    internal static string? TitleOf(string html)
    {
        var head = html.Length > 65536 ? html[..65536] : html;
        var match = Title().Match(head);
        if (!match.Success) return null;
        var title = System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
        return Whitespace.FoldAndTrim(title);
    }

    [GeneratedRegex(@"<title\b[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Title();
}
