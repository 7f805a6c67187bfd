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
    public static string? ReasonToRefuse(string? rawHtml, string text, int? previousTextLength) =>
        ReasonToRefuseTitled(rawHtml is null ? null : TitleOf(rawHtml.AsSpan()), text, previousTextLength);

    /// <summary>Why the page is not the document, or null when it may be, for an HTML page as received (its title read from its first 64 KiB).</summary>
    public static string? ReasonToRefusePage(ReadOnlySpan<byte> htmlBody, string text, int? previousTextLength) =>
        ReasonToRefuseTitled(TitleOf(htmlBody), text, previousTextLength);

    private static string? ReasonToRefuseTitled(string? title, string text, int? previousTextLength)
    {
        if (title is { Length: > 0 })
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
    internal static string? TitleOf(ReadOnlySpan<char> html)
    {
        var head = html[..Math.Min(html.Length, 65536)];
        foreach (var match in Title().EnumerateMatches(head))
        {
            // The match is <title ...>…</title>: the title is between the first '>' (the opening tag's [^>]* has none) and
            // the closing tag.
            var whole = head.Slice(match.Index, match.Length);
            var title = whole[(whole.IndexOf('>') + 1)..^"</title>".Length];
            return Whitespace.FoldAndTrim(System.Net.WebUtility.HtmlDecode(title.ToString()));
        }
        return null;
    }

    /// <summary>
    /// The title of a page as received, decoded from its first 64 KiB (as UTF-8) into a pooled buffer: a string of them
    /// would be a large-object allocation for every page checked.
    /// </summary>
    internal static string? TitleOf(ReadOnlySpan<byte> body)
    {
        var head = body[..Math.Min(body.Length, 65536)];
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(System.Text.Encoding.UTF8.GetMaxCharCount(head.Length));
        try
        {
            return TitleOf(chars.AsSpan(0, System.Text.Encoding.UTF8.GetChars(head, chars)));
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }
    }

    [GeneratedRegex(@"<title\b[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Title();
}
