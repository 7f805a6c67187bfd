using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Snapshots.Archive;
using Snapshots.Catalog;

namespace Snapshots.IntegrationTests.Web;

/// <summary>
/// The pages people read: a version's text rendered from its Markdown with the source one click away, a changed table diffed
/// row by row, the side-by-side view beside the inline one, and the change's severity wherever a change is shown.
/// </summary>
public sealed partial class ReadingPagesTests
{
    private static string MainOf(string html) => html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];

    private static string Between(string html, string from, string to)
    {
        var start = html.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{from}' is not in the page");
        var end = html.IndexOf(to, start, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }

    [Fact]
    public async Task A_versions_text_is_rendered_with_headings_lists_tables_and_safe_links_and_its_markdown_is_one_click_away()
    {
        var (host, id) = await TableFixture.StartAsync();
        await using var _ = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };
        var path = PublicSite.VersionPath(id, 2);

        var text = Between(MainOf(await http.GetStringAsync(path)), "id=\"rendered-text\"", "</section>");
        Assert.Matches("<h3>Privacy Policy</h3>", text);
        Assert.Matches("<h4>Subprocessors</h4>", text);
        Assert.Matches("<strong>subprocessors</strong>", text);
        Assert.Matches("<a href=\"https://example.org/subprocessors\" rel=\"nofollow noopener\">our site</a>", text);
        Assert.Matches("<ul>\\s*<li>Prompts are kept for 90 days.</li>", text);
        Assert.Matches("<th>Name</th>\\s*<th>Purpose</th>\\s*<th>Location</th>", text);
        Assert.Matches("<td>Vector DB</td>\\s*<td>Embeddings storage</td>\\s*<td>US</td>", text);
        Assert.DoesNotContain("| --- |", text);

        var source = MainOf(await http.GetStringAsync($"{path}?text=markdown"));
        Assert.Contains($"<a href=\"{path}#text\">Formatted</a>", source);
        var markdown = WebUtility.HtmlDecode(Between(source, "id=\"markdown-text\">", "</pre>")["id=\"markdown-text\">".Length..]);
        var version = await host.Pipeline.Get<VersionLedger>().GetAsync(id, 2);
        Assert.Equal(await host.Tracked.LatestTextAsync(id), markdown);
        Assert.Equal(version.TextSha256, Snapshots.Text.Sha256Hex.Of(System.Text.Encoding.UTF8.GetBytes(markdown)));
    }

    [Fact]
    public async Task A_changed_table_is_diffed_row_by_row_with_its_cells_aligned()
    {
        var (host, id) = await TableFixture.StartAsync();
        await using var _ = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var change = Between(MainOf(await http.GetStringAsync(PublicSite.VersionPath(id, 2))), "id=\"change\"", "id=\"text\"");
        var table = Between(change, "<table class=\"table-diff\">", "</table>");
        var rows = Row().Matches(table).Select(m => (Kind: m.Groups["kind"].Value, Cells: Cell().Matches(m.Groups["cells"].Value).Select(c => Strip(c.Groups[1].Value)).ToList())).ToList();
        Assert.Equal(["same", "same", "mod", "same", "ins"], rows.Select(r => r.Kind));
        Assert.Equal(["Name", "Purpose", "Location"], rows[0].Cells);
        Assert.Equal(["Acme Cloud", "Hosting", "EU"], rows[1].Cells);
        // The changed row keeps its cells in their columns; only the changed cell carries the change.
        var mailer = Row().Matches(table)[2].Groups["cells"].Value;
        var cells = Cell().Matches(mailer).Select(c => c.Groups[1].Value).ToList();
        Assert.Equal(3, cells.Count);
        Assert.Equal("Mailer Inc", cells[0]);
        Assert.Matches("<del>.*US.*</del>", cells[2]);
        Assert.Matches("<ins>.*EU.*</ins>", cells[2]);
        Assert.Equal(["Vector DB", "Embeddings storage", "US"], rows[4].Cells);
        Assert.DoesNotContain("| --- |", change);
        Assert.DoesNotContain("| Acme Cloud |", change);
    }

    [Fact]
    public async Task The_side_by_side_view_shows_before_and_after_and_the_views_link_to_each_other()
    {
        var (host, id) = await TableFixture.StartAsync();
        await using var _ = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };
        var path = PublicSite.VersionPath(id, 2);

        var inline = MainOf(await http.GetStringAsync(path));
        Assert.Contains($"<a href=\"{path}?view=side#change\">Side by side</a>", inline);
        Assert.DoesNotContain("class=\"side-by-side\"", inline);

        var side = MainOf(await http.GetStringAsync($"{path}?view=side"));
        Assert.Contains($"<a href=\"{path}#change\">Inline</a>", side);
        Assert.Contains("class=\"side-by-side\"", side);
        var before = Between(side, "<div class=\"before\">", "</table>");
        var after = Between(side, "<div class=\"after\">", "</table>");
        // Before: the old table, with what went struck through and nothing added; after: the new one.
        Assert.Contains("US", Strip(Between(before, "Mailer Inc", "</tr>")));
        Assert.DoesNotContain("<ins>", before);
        Assert.DoesNotContain("Vector DB", before);
        Assert.Contains("Vector DB", after);
        Assert.DoesNotContain("<del>", after);
        Assert.Matches("<p class=\"para before\">.*<del>.*30.*</del>", side);
        Assert.Matches("<p class=\"para after\">.*<ins>.*90.*</ins>", side);
    }

    [Fact]
    public async Task The_severity_alerts_give_is_shown_on_the_version_page_the_document_timeline_the_platform_page_and_the_feeds()
    {
        var (host, privacy, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };
        var version = await host.Pipeline.Get<VersionLedger>().GetAsync(privacy, 2);
        Assert.Equal("high", version.Severity);

        var line = $"Severity of this change: {version.SeverityReason}";
        var page = await http.GetStringAsync(PublicSite.VersionPath(privacy, 2));
        Assert.Contains("<span class=\"badge severity-high\">high</span> Severity of this change:", page);
        Assert.Contains(line, WebUtility.HtmlDecode(page));
        Assert.DoesNotContain("id=\"severity\"", await http.GetStringAsync(PublicSite.VersionPath(privacy, 1)));
        var timeline = await http.GetStringAsync(PublicSite.DocumentPath(privacy));
        Assert.Contains("<span class=\"badge severity-high\"", Between(timeline, "Version 2</a>", "</li>"));
        Assert.DoesNotContain("severity-", Between(timeline, "Version 1</a>", "</li>"));
        Assert.Contains("<span class=\"badge severity-high\"", Between(await http.GetStringAsync("/platforms/example-ai"), "id=\"recent\"", "</section>"));
        var feed = XDocument.Parse(await http.GetStringAsync("/feeds/all.atom"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var titles = feed.Root!.Elements(atom + "entry").Select(e => (string)e.Element(atom + "title")!).ToList();
        Assert.Contains(titles, t => t.StartsWith("[high] Example AI changed its Privacy Policy", StringComparison.Ordinal));
        Assert.Contains(titles, t => t == "Example AI: Privacy Policy, first version");
    }

    private static string Strip(string html) => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<span class=\"sr\">[^<]*</span>", ""), "<[^>]+>", "")).Trim();

    [GeneratedRegex("<tr class=\"row-(?<kind>\\w+)\">(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    [GeneratedRegex("<td>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();
}
