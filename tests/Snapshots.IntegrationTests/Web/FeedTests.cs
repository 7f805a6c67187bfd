using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Snapshots.Archive;

namespace Snapshots.IntegrationTests.Web;

/// <summary>The Atom feeds, parsed back by System.ServiceModel.Syndication and read as Atom 1.0 XML.</summary>
public sealed class FeedTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Theory]
    [InlineData("/feeds/all.atom", 3)]
    [InlineData("/platforms/example-ai/feed.atom", 3)]
    [InlineData("/platforms/example-ai/privacy-policy/feed.atom", 2)]
    public async Task Each_feed_parses_and_lists_the_change_with_its_summary_topics_and_version_page(string path, int entries)
    {
        var (host, privacy, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var response = await http.GetAsync(path);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var reader = XmlReader.Create(new MemoryStream(bytes));
        var feed = SyndicationFeed.Load(reader);

        Assert.Equal(entries, feed.Items.Count());
        var change = feed.Items.First();
        var version = await host.Pipeline.Get<VersionLedger>().GetAsync(privacy, 2);
        var page = host.Url("/platforms/example-ai/privacy-policy/versions/2");
        Assert.Equal(page, change.Links.Single(l => l.RelationshipType == "alternate").Uri);
        Assert.Equal(page.AbsoluteUri, change.Id);
        // The title leads with the change's severity, as alerts do.
        Assert.Matches(@"^\[(high|medium|low)\] Example AI changed its Privacy Policy", change.Title.Text);
        Assert.Contains("data retention", change.Categories.Select(c => c.Name));
        Assert.Contains(version.TextSha256, change.Summary.Text);
        Assert.Contains("section", change.Summary.Text);

        var xml = XDocument.Load(new MemoryStream(bytes));
        Assert.Equal(Atom + "feed", xml.Root!.Name);
        Assert.NotNull(xml.Root.Element(Atom + "id"));
        Assert.NotNull(xml.Root.Element(Atom + "updated"));
        Assert.Contains(xml.Root.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self" && (string?)l.Attribute("href") == host.Url(path).AbsoluteUri);
        Assert.All(xml.Root.Elements(Atom + "entry"), e =>
        {
            Assert.NotNull(e.Element(Atom + "id"));
            Assert.NotNull(e.Element(Atom + "title"));
            Assert.NotNull(e.Element(Atom + "updated"));
        });
    }

    [Fact]
    public async Task An_unknown_platform_has_no_feed()
    {
        var (host, _, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/platforms/nobody/feed.atom")).StatusCode);
    }
}
