using Snapshots.Catalog;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Snapshots.Web.Http;

namespace Snapshots.Web.Feeds;

/// <summary>
/// How every feed of the site is written: Atom 1.0 with its self link and author, cached like a page. Every text is made
/// XML-safe (<see cref="XmlSafeText"/>); an entry that still cannot be made or written is left out with a logged reason, so
/// one broken item never costs the whole feed.
/// </summary>
public static class AtomFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    public const string LogCategory = "Snapshots.Web.Feeds";

    /// <summary>The entries that <paramref name="entry"/> makes of <paramref name="items"/>; one that throws is left out, logged.</summary>
    public static IReadOnlyList<SyndicationItem> Entries<T>(IEnumerable<T> items, Func<T, SyndicationItem> entry, Func<T, string> describe, ILogger log)
    {
        var entries = new List<SyndicationItem>();
        foreach (var item in items)
        {
            try { entries.Add(entry(item)); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Feed entry for {Item} left out: it could not be made ({Reason})", describe(item), e.Message);
            }
        }
        return entries;
    }

    /// <summary>A feed of <paramref name="items"/> (newest first): its id and self link are <paramref name="selfPath"/> on the public site.</summary>
    public static IResult Result(PublicSite site, string title, string description, string selfPath, string alternatePath, IReadOnlyList<SyndicationItem> items, ILogger log)
    {
        var written = items.Where(item => Writable(item, log)).ToList();
        var feed = new SyndicationFeed(XmlSafeText.Of(title), XmlSafeText.Of(description), site.Url(alternatePath))
        {
            Id = site.Url(selfPath).AbsoluteUri,
            LastUpdatedTime = written.Count == 0 ? DateTimeOffset.UnixEpoch : written.Max(i => i.LastUpdatedTime),
            Items = written,
        };
        feed.Links.Add(new SyndicationLink(site.Url(selfPath), "self", XmlSafeText.Of(title), ContentType, 0));
        feed.Authors.Add(new SyndicationPerson { Name = "Snapshots" });

        var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, Settings))
            new Atom10FeedFormatter(feed).WriteTo(writer);
        return new CachedContent(output.ToArray(), ContentType, CachePolicies.Page);
    }

    /// <summary>An entry with a plain-text summary (no content), its link and id the same permanent address.</summary>
    public static SyndicationItem Entry(string title, string summary, Uri link, string id, DateTimeOffset updated, IEnumerable<string> categories)
    {
        var item = new SyndicationItem(XmlSafeText.Of(title), XmlSafeText.Of(summary), link, id, updated)
        {
            PublishDate = updated,
            Summary = new TextSyndicationContent(XmlSafeText.Of(summary)),
            Content = null,
        };
        foreach (var category in categories) item.Categories.Add(new SyndicationCategory(XmlSafeText.Of(category)));
        return item;
    }

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = true };

    /// <summary>True when the entry writes as XML on its own (checked before the feed is written, so it cannot fail half-way).</summary>
    private static bool Writable(SyndicationItem item, ILogger log)
    {
        try
        {
            using var writer = XmlWriter.Create(Stream.Null, Settings);
            new Atom10ItemFormatter(item).WriteTo(writer);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or XmlException or InvalidOperationException)
        {
            log.LogWarning(e, "Feed entry {Id} left out: it cannot be written as XML ({Reason})", item.Id, e.Message);
            return false;
        }
    }
}
