using Snapshots.Catalog;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Snapshots.Web.Http;

namespace Snapshots.Web.Feeds;

/// <summary>How every feed of the site is written: Atom 1.0 with its self link and author, cached like a page.</summary>
public static class AtomFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    /// <summary>A feed of <paramref name="items"/> (newest first): its id and self link are <paramref name="selfPath"/> on the public site.</summary>
    public static IResult Result(PublicSite site, string title, string description, string selfPath, string alternatePath, IReadOnlyList<SyndicationItem> items)
    {
        var feed = new SyndicationFeed(title, description, site.Url(alternatePath))
        {
            Id = site.Url(selfPath).AbsoluteUri,
            LastUpdatedTime = items.Count == 0 ? DateTimeOffset.UnixEpoch : items.Max(i => i.LastUpdatedTime),
            Items = items,
        };
        feed.Links.Add(new SyndicationLink(site.Url(selfPath), "self", title, ContentType, 0));
        feed.Authors.Add(new SyndicationPerson { Name = "Snapshots" });

        var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true }))
            new Atom10FeedFormatter(feed).WriteTo(writer);
        return new CachedContent(output.ToArray(), ContentType, CachePolicies.Page);
    }

    /// <summary>An entry with a plain-text summary (no content), its link and id the same permanent address.</summary>
    public static SyndicationItem Entry(string title, string summary, Uri link, string id, DateTimeOffset updated, IEnumerable<string> categories)
    {
        var item = new SyndicationItem(title, summary, link, id, updated)
        {
            PublishDate = updated,
            Summary = new TextSyndicationContent(summary),
            Content = null,
        };
        foreach (var category in categories) item.Categories.Add(new SyndicationCategory(category));
        return item;
    }
}
