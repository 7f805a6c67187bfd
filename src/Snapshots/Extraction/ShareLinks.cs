using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// Finds blocks of share and "ask an AI about this page" links: links to other sites whose query carries this page (its
/// address or its site's name: <c>https://chatgpt.com/?q=Summarize+https://example.ai/terms</c>,
/// <c>https://x.com/intent/post?url=...</c>), in a block made of at least two of them, with at most a short label
/// ("Share", "Explore us in AI tools"). A link to another site that carries the page it is on is never the document's: the
/// document links to other pages for what they say, not for what they say about it. Pure: finds, does not remove.
/// </summary>
internal static class ShareLinks
{
    /// <summary>Words a block of share links may hold besides its links (its label).</summary>
    private const int MaxLabelWords = 8;

    public static List<IElement> Find(SelectedContent selection, ContentMeasure measure, Uri pageUrl)
    {
        // Built at the first block that could be share links (most pages have none): a regular expression a page costs its parse.
        var carries = new Lazy<Regex>(() => Carrier(pageUrl), LazyThreadSafetyMode.None);
        return ChromeSearch.TopDown(selection, withRoots: false, element =>
        {
            var m = measure.Of(element);
            if (m.OtherPageLinks < 2) return ChromeVerdict.Keep;
            if (!selection.CanLeaveOut(element) || m.HasH1 || m.ProseWords > 0 || m.PlainWords + m.HeadingWords > MaxLabelWords) return ChromeVerdict.Descend;
            var links = element.QuerySelectorAll("a[href]").Where(a => measure.Of(a).Words > 0).ToList();
            return links.Count >= 2 && links.All(a => IsShareLink(a, pageUrl, carries)) ? ChromeVerdict.Drop : ChromeVerdict.Descend;
        });
    }

    private static bool IsShareLink(IElement link, Uri pageUrl, Lazy<Regex> carries) =>
        Uri.TryCreate(pageUrl, link.GetAttribute("href")!.Trim(), out var url)
        && url.Scheme is "http" or "https"
        && !string.Equals(Host(url), Host(pageUrl), StringComparison.OrdinalIgnoreCase)
        && url.Query.Length > 1 && carries.Value.IsMatch(Decoded(url.Query));

    /// <summary>The page's host, or the name of its site (the longest label of the host but its last), as a word.</summary>
    private static Regex Carrier(Uri pageUrl)
    {
        var host = Host(pageUrl);
        var labels = host.Split('.');
        var name = labels.Length > 1 ? labels[..^1].MaxBy(l => l.Length)! : host;
        var pattern = Regex.Escape(host) + (name.Length >= 4 ? $@"|\b{Regex.Escape(name)}\b" : "");
        return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string Host(Uri url) => url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host;

    private static string Decoded(string query)
    {
        try { return Uri.UnescapeDataString(query.Replace('+', ' ')); }
        catch (UriFormatException) { return query; }
    }
}
