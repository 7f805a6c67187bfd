using Snapshots.Text;
using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Snapshots.Archive;

namespace Snapshots.IntegrationTests.Web;

/// <summary>
/// Provisions compared across three tracked platforms: a clause type's page and "how other platforms handle this" with their
/// "N of M platforms" and "Unique · 0 of M platforms" lines, the index of clause types, and the provision and clause-type feeds.
/// </summary>
public sealed class ClauseTypePagesTests
{
    [Fact]
    public async Task A_clause_type_page_lists_the_platforms_that_have_it_and_provision_pages_count_the_others()
    {
        var t = await ProvisionFixture.StartAsync();
        await using var _h = t.Host;
        using var http = new HttpClient { BaseAddress = t.Host.BaseUri };
        var mistralLaw = await ProvisionPagesTests.SlugAsync(http, t.MistralTerms, 1, "These Terms are governed by French law.");
        var otherLaw = await ProvisionPagesTests.SlugAsync(http, t.OtherTerms, 1, "These Terms are governed by the laws of the State of California.");
        var carveOut = await ProvisionPagesTests.SlugAsync(http, t.MistralTerms, 1, null, "Opt-outs do not apply to Labs Models");

        var type = await http.GetStringAsync("/clause-types/governing-law");
        Assert.Contains("<p id=\"count\">2 of 3 platforms have this clause type (2 provisions).</p>", type);
        Assert.Contains($"href=\"{ProvisionPagesTests.ProvisionPath(t.MistralTerms, mistralLaw)}\"", type);
        Assert.Contains($"href=\"{ProvisionPagesTests.ProvisionPath(t.OtherTerms, otherLaw)}\"", type);
        Assert.Contains("<mark class=\"match\" title=\"Governing law: match\">governed by French law</mark>", type);
        var without = type[type.IndexOf("id=\"without\"", StringComparison.Ordinal)..];
        Assert.Contains(">Example AI</a>", without);
        Assert.DoesNotContain(">Mistral AI</a>", without);

        var law = await http.GetStringAsync(ProvisionPagesTests.ProvisionPath(t.MistralTerms, mistralLaw));
        var others = Section(law, "others");
        Assert.Contains("Governing law: <span class=\"count\">1 of 2 platforms</span>", others);
        Assert.Contains($"href=\"{ProvisionPagesTests.ProvisionPath(t.OtherTerms, otherLaw)}\"", others);
        Assert.DoesNotContain(ProvisionPagesTests.ProvisionPath(t.MistralTerms, mistralLaw), others);
        Assert.Contains("<a href=\"/clause-types/governing-law\">See all platforms with this clause type</a>", others);

        var unique = await http.GetStringAsync(ProvisionPagesTests.ProvisionPath(t.MistralTerms, carveOut));
        Assert.Contains($"Training opt-out carve-out: <span class=\"count\">{WebUtility.HtmlEncode("Unique · 0 of 2 platforms")}</span>", Section(unique, "others"));
        Assert.Matches("<mark class=\"\\w+\" title=\"[^\"]*Training opt-out carve-out: \\w+[^\"]*\">Opt-outs do not apply to", unique);
        Assert.Contains("high severity", Section(unique, "types"));
        // Example AI trains on conversations too: the carve-out provision's inferred training type is not unique.
        Assert.Contains("Trains AI models on user content: <span class=\"count\">1 of 2 platforms</span>", Section(unique, "others"));

        var index = await http.GetStringAsync("/clause-types");
        Assert.Matches("<a href=\"/clause-types/governing-law\">Governing law</a>.*?</th><td>.*?</td><td>2</td><td>2</td>", index);
        Assert.Matches("<a href=\"/clause-types/training-opt-out-carve-out\">Training opt-out carve-out</a>.*?</th><td>.*?</td><td>1</td><td>1</td>", index);
        Assert.Matches("<a href=\"/clause-types/jury-trial-waiver\">Jury-trial waiver</a>.*?</th><td>.*?</td><td>0</td><td>0</td>", index);
    }

    [Fact]
    public async Task Provision_and_clause_type_feeds_parse_as_atom_with_one_entry_per_change()
    {
        var t = await ProvisionFixture.StartAsync();
        await using var _h = t.Host;
        using var http = new HttpClient { BaseAddress = t.Host.BaseUri };
        var retention = await ProvisionPagesTests.SlugAsync(http, t.ExamplePrivacy, 1, "We retain your prompts for 30 days.");
        t.Host.Tracked.Site.Page("/example/privacy", ProvisionFixture.Privacy(retention: ProvisionFixture.Retention.Replace("30 days", "90 days")));
        Assert.True((await t.Host.CheckAsync(t.ExamplePrivacy)).IsChange);
        var v2 = await t.Host.Pipeline.Get<VersionLedger>().GetAsync(t.ExamplePrivacy, 2);
        var changeId = t.Host.Url(ProvisionPagesTests.ProvisionPath(t.ExamplePrivacy, retention) + "#change-2").AbsoluteUri;

        var provision = await FeedAsync(http, ProvisionPagesTests.ProvisionPath(t.ExamplePrivacy, retention) + "/feed.atom");
        Assert.Equal(2, provision.Items.Count());
        var modified = provision.Items.First();
        Assert.Equal(changeId, modified.Id);
        Assert.Equal("Example AI Privacy Policy: Retention period modified", modified.Title.Text);
        Assert.Contains("Before: \u201cWe retain your prompts for 30 days.\u201d After: \u201cWe retain your prompts for 90 days.\u201d", modified.Summary.Text);
        Assert.Contains(Sha256Hex.Of("We retain your prompts for 90 days."), modified.Summary.Text);
        Assert.Contains(v2.TextSha256, modified.Summary.Text);
        Assert.Contains("Retention period", modified.Categories.Select(c => c.Name));
        Assert.EndsWith("#change-1", provision.Items.Last().Id);

        var retentionType = await FeedAsync(http, "/clause-types/retention-period/feed.atom");
        Assert.Equal(changeId, Assert.Single(retentionType.Items).Id);
        // No provision of these types changed: their feeds are valid and empty.
        Assert.Empty((await FeedAsync(http, "/clause-types/governing-law/feed.atom")).Items);
        Assert.Empty((await FeedAsync(http, "/clause-types/training-on-user-content/feed.atom")).Items);
    }

    private static async Task<SyndicationFeed> FeedAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var xml = XDocument.Load(new MemoryStream(bytes));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(atom + "feed", xml.Root!.Name);
        Assert.Contains(xml.Root.Elements(atom + "link"), l => (string?)l.Attribute("rel") == "self" && ((string?)l.Attribute("href"))!.EndsWith(path, StringComparison.Ordinal));
        using var reader = XmlReader.Create(new MemoryStream(bytes));
        return SyndicationFeed.Load(reader);
    }

    /// <summary>The page from the heading with this id to the next section.</summary>
    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}
