using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace Snapshots.Web.Pages;

/// <summary>
/// A version's normalized text (Markdown) as HTML to read: headings, lists, tables, emphasis and links. Markdig parses it with
/// raw HTML turned off (a <c>&lt;script&gt;</c> in the text stays text), headings are moved two levels down so they sit under the
/// page's own, and HtmlSanitizer keeps only the elements Markdown makes and links to http, https and mailto (marked
/// <c>rel="nofollow noopener"</c>; any other link keeps its words and loses its address; images keep their description).
/// <para>
/// Bounded before parsing, because Markdig's time grows with a text's markup and nesting: a text longer than
/// <see cref="MaxCharacters"/>, nested deeper than <see cref="MaxNesting"/> (quotes, list items, indentation), or with more than
/// <see cref="MaxMarkupPerParagraph"/> markup characters in a paragraph or <see cref="MaxMarkup"/> in all, is not rendered: the page
/// shows it as plain text and says why. The stored text is never changed; the Markdown is always one click away.
/// </para>
/// </summary>
internal static class RenderedText
{
    public const int MaxCharacters = 500_000;
    public const int MaxNesting = 16;
    public const int MaxMarkupPerParagraph = 256;
    public const int MaxMarkup = 20_000;
    private const string MarkupCharacters = "[]*_!<`";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    private static readonly string[] Schemes = ["http", "https", "mailto"];

    /// <summary>The text as HTML, or null with the reason it is shown as plain text instead.</summary>
    public sealed record Rendering(HtmlFragment? Html, string? PlainBecause);

    public static Rendering Render(string markdown)
    {
        if (Refusal(markdown) is { } reason) return new Rendering(null, reason);
        MarkdownDocument document;
        try { document = Markdown.Parse(markdown, Pipeline); }
        catch (ArgumentException) { return new Rendering(null, $"it is nested deeper than this page renders ({MaxNesting} levels)"); }
        foreach (var heading in document.Descendants<HeadingBlock>()) heading.Level = Math.Min(6, heading.Level + 2);
        return new Rendering(new HtmlFragment(Sanitizer().Sanitize(document.ToHtml(Pipeline))), null);
    }

    /// <summary>Why the text is not rendered (it breaks a bound), or null.</summary>
    public static string? Refusal(string markdown)
    {
        if (markdown.Length > MaxCharacters) return $"it is longer than this page renders ({MaxCharacters:N0} characters)";
        int total = 0, paragraph = 0;
        foreach (var line in markdown.AsSpan().EnumerateLines())
        {
            if (line.IsWhiteSpace()) { paragraph = 0; continue; }
            if (Nesting(line) > MaxNesting) return $"it is nested deeper than this page renders ({MaxNesting} levels)";
            // A table is parsed row by row; any other paragraph as one run of inline markup.
            if (line.TrimStart().StartsWith('|')) paragraph = 0;
            var markup = 0;
            foreach (var c in line) if (MarkupCharacters.Contains(c)) markup++;
            paragraph += markup;
            total += markup;
            if (paragraph > MaxMarkupPerParagraph) return $"a paragraph holds more markup than this page renders ({MaxMarkupPerParagraph} of [ ] * _ ! < `)";
            if (total > MaxMarkup) return $"it holds more markup than this page renders ({MaxMarkup:N0} of [ ] * _ ! < `)";
        }
        return null;
    }

    /// <summary>How many blocks a line opens before its words: quote markers, list markers, and indentation (two spaces a level).</summary>
    private static int Nesting(ReadOnlySpan<char> line)
    {
        int depth = 0, spaces = 0, at = 0;
        while (at < line.Length)
        {
            var c = line[at];
            if (c == ' ') { spaces++; at++; }
            else if (c == '\t') { spaces += 4; at++; }
            else if (c == '>') { depth++; at++; }
            else if ((c is '-' or '*' or '+') && at + 1 < line.Length && line[at + 1] == ' ') { depth++; at += 2; }
            else if (char.IsAsciiDigit(c))
            {
                var end = at;
                while (end < line.Length && end - at < 9 && char.IsAsciiDigit(line[end])) end++;
                if (end + 1 < line.Length && line[end] is '.' or ')' && line[end + 1] == ' ') { depth++; at = end + 2; }
                else break;
            }
            else break;
        }
        return depth + spaces / 2;
    }

    private static HtmlSanitizer Sanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "em",
                "strong", "code", "pre", "blockquote", "hr", "br"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "start"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(Schemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        // A link anywhere but http, https or mailto (relative ones included: they would open this site) keeps its words only.
        sanitizer.FilterUrl += (_, e) =>
        {
            if (!Uri.TryCreate(e.OriginalUrl, UriKind.Absolute, out var uri) || !Schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
                e.SanitizedUrl = null;
        };
        sanitizer.RemovingTag += (_, e) =>
        {
            if (e.Tag.LocalName == "img" && e.Tag.GetAttribute("alt") is { Length: > 0 } alt)
                e.Tag.Parent?.InsertBefore(e.Tag.Owner!.CreateTextNode($"[image: {alt}]"), e.Tag);
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } a && a.HasAttribute("href")) a.SetAttribute("rel", "nofollow noopener");
        };
        return sanitizer;
    }
}
