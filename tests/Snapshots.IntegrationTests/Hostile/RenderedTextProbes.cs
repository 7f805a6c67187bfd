using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// A version's text is shown rendered from its Markdown, and the Markdown is the platform's: a text/plain page reaches the archive
/// as written. Whatever it holds, the page runs no script, frames nothing, links only to http, https and mailto (marked nofollow
/// noopener), and answers in bounded time; a text too nested or too full of markup to render in bounds is shown as its source,
/// saying why. The archived text is never altered.
/// </summary>
[Trait("Category", "Hostile")]
public sealed partial class RenderedTextProbes
{
    private static async Task<(WebTestHost Host, DocumentId Id)> ArchivePlainTextAsync(string text)
    {
        var host = await WebTestHost.StartAsync();
        var id = await host.TrackAsync("Plain AI", "Terms of Service", "/terms.txt", "<p>placeholder</p>");
        host.Tracked.Site.Page("/terms.txt", text, "text/plain; charset=utf-8");
        await host.CheckAsync(id);
        return (host, id);
    }

    private static string MainOf(string html) => html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];

    [Fact]
    public async Task Script_iframes_event_handlers_and_javascript_or_data_links_in_the_text_stay_text_and_only_web_and_mail_links_are_links()
    {
        const string text = """
            # Terms

            <script>alert('owned')</script>

            <iframe src="https://evil.example/frame"></iframe> and <img src=x onerror=alert(1)>

            Read [our site](https://example.org/terms), write to [legal](mailto:legal@example.org), not [this](javascript:alert(1))
            nor [that](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) nor [here](/admin) nor [vb](vbscript:msgbox) nor [sp]( javascript:alert(2) ).

            ![tracker](https://tracker.example/pixel.png)

            <a href="javascript:alert(3)">raw anchor</a> [x](<javascript:alert(4)>) [entity](&#106;avascript:alert(5))
            """;
        var (host, id) = await ArchivePlainTextAsync(text);
        await using var _ = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var html = await http.GetStringAsync(PublicSite.VersionPath(id, 1));
        var main = MainOf(html);
        // Rendered: the heading is a heading, the web and mail links are links.
        Assert.Contains("id=\"rendered-text\"", main);
        Assert.Matches("<h3>Terms</h3>", main);
        var anchors = Anchor().Matches(main[main.IndexOf("id=\"rendered-text\"", StringComparison.Ordinal)..]).Select(m => m.Value).ToList();
        Assert.Contains(anchors, a => a.Contains("href=\"https://example.org/terms\"", StringComparison.Ordinal) && a.Contains("rel=\"nofollow noopener\"", StringComparison.Ordinal));
        Assert.Contains(anchors, a => a.Contains("href=\"mailto:legal@example.org\"", StringComparison.Ordinal) && a.Contains("rel=\"nofollow noopener\"", StringComparison.Ordinal));
        // Nothing else is a link, and nothing of the text became markup.
        var hrefs = anchors.Select(a => Href().Match(a)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.All(hrefs, h => Assert.Matches("^(https?|mailto):", h));
        Assert.DoesNotContain("<script", main, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", main, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", main, StringComparison.OrdinalIgnoreCase);
        var handler = Regex.Match(main, "<[^>]+\\son\\w+=");
        Assert.False(handler.Success, $"an event handler became markup: {handler.Value}");
        Assert.DoesNotMatch("<[^>]*href=\"\\s*(javascript|data|vbscript):", main);
        // The words survive as text: the reader sees what the platform wrote.
        Assert.Contains("<script>alert('owned')</script>", WebUtility.HtmlDecode(main));
        Assert.Contains("[image: tracker]", main);
        // The Markdown is one click away, and stored as it was.
        Assert.Contains($"href=\"{PublicSite.VersionPath(id, 1)}?text=markdown#text\"", main);
        var source = MainOf(await http.GetStringAsync($"{PublicSite.VersionPath(id, 1)}?text=markdown"));
        Assert.Contains("[this](javascript:alert(1))", WebUtility.HtmlDecode(source));
        Assert.Equal(await host.Tracked.LatestTextAsync(id), await http.GetStringAsync($"{PublicSite.VersionPath(id, 1)}/text.md"));
    }

    /// <summary>Texts that cost Markdig 1.6.0 seconds to minutes when parsed whole (measured: 50,000 unclosed links 23 s, 2,000 nested list levels 33 s).</summary>
    public static TheoryData<string, string> Nested => new()
    {
        { "quotes", new string('>', 20_000) + " deep" },
        { "list markers", string.Concat(Enumerable.Repeat("- ", 20_000)) + "deep" },
        { "brackets", new string('[', 100_000) },
        { "unclosed links", string.Concat(Enumerable.Repeat("[a](", 50_000)) },
        { "emphasis", string.Concat(Enumerable.Repeat("*a _b ", 40_000)) },
        { "many paragraphs of unclosed links", string.Join("\n\n", Enumerable.Repeat(string.Concat(Enumerable.Repeat("[a](", 60)), 2_000)) },
    };

    [Theory]
    [MemberData(nameof(Nested))]
    public async Task Deeply_nested_or_markup_heavy_text_is_answered_in_bounded_time_as_its_source_saying_why(string kind, string text)
    {
        var (host, id) = await ArchivePlainTextAsync(text);
        await using var _ = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(60) };

        var watch = Stopwatch.StartNew();
        var response = await http.GetAsync(PublicSite.VersionPath(id, 1));
        watch.Stop();
        var main = MainOf(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{kind}: the page took {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Contains("Shown as Markdown source:", main);
        Assert.Contains("id=\"markdown-text\"", main);
        Assert.DoesNotContain("id=\"rendered-text\"", main);
    }

    [Fact]
    public async Task A_long_text_of_bare_web_addresses_is_rendered_in_bounded_time_without_making_them_links()
    {
        // Markdig's autolink extension takes 90 s on 40,000 "www." words; the page does not use it.
        var (host, id) = await ArchivePlainTextAsync(string.Concat(Enumerable.Repeat("www.a.b ", 40_000)));
        await using var _ = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(120) };

        var watch = Stopwatch.StartNew();
        var main = MainOf(await http.GetStringAsync(PublicSite.VersionPath(id, 1)));
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the page took {watch.Elapsed.TotalSeconds:F1} s");
        Assert.Contains("id=\"rendered-text\"", main);
        Assert.DoesNotContain("href=\"http://www.a.b", main);
    }

    [GeneratedRegex("<a\\s[^>]*>")]
    private static partial Regex Anchor();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();
}
