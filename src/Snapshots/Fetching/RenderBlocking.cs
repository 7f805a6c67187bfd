using Snapshots.Catalog;

namespace Snapshots.Fetching;

/// <summary>
/// What a render does not load because it cannot change the page's text: images, media and fonts
/// (<see cref="BrowserOptions.BlockImagesMediaAndFonts"/>), beacons and CSP reports, and requests to known analytics, tag
/// manager and advertising hosts (a host or any subdomain of it) unless <see cref="BrowserOptions.BlockTrackers"/> is off. A
/// declaration's <c>loadAllResources</c> opts its page out of all of it.
/// </summary>
internal static class RenderBlocking
{
    private static readonly HashSet<string> MediaTypes = new(StringComparer.OrdinalIgnoreCase) { "image", "media", "font" };
    private static readonly HashSet<string> Beacons = new(StringComparer.OrdinalIgnoreCase) { "ping", "cspreport" };

    /// <summary>Analytics, tag managers, session recorders and ad networks: none of them writes a policy's text.</summary>
    internal static readonly string[] TrackerHosts =
    [
        "google-analytics.com", "googletagmanager.com", "googleadservices.com", "googlesyndication.com", "doubleclick.net",
        "analytics.google.com", "stats.g.doubleclick.net", "connect.facebook.net", "facebook.com/tr", "analytics.tiktok.com",
        "bat.bing.com", "clarity.ms", "hotjar.com", "hotjar.io", "segment.com", "segment.io", "cdn.segment.com", "mixpanel.com",
        "amplitude.com", "heap.io", "heapanalytics.com", "fullstory.com", "mouseflow.com", "plausible.io", "matomo.cloud",
        "newrelic.com", "nr-data.net", "sentry.io", "intercomcdn.com", "ads-twitter.com", "static.ads-twitter.com",
        "analytics.twitter.com", "px.ads.linkedin.com", "snap.licdn.com", "adservice.google.com", "criteo.com", "criteo.net",
        "taboola.com", "outbrain.com", "quantserve.com", "scorecardresearch.com", "adnxs.com", "rubiconproject.com",
        "pubmatic.com", "hs-analytics.net", "hs-scripts.com", "hsadspy.com", "usefathom.com", "posthog.com", "i.posthog.com",
    ];

    public static bool Blocks(SourceDeclaration source, BrowserOptions options, string resourceType, string url)
    {
        if (source.LoadAllResources) return false;
        if (options.BlockImagesMediaAndFonts && MediaTypes.Contains(resourceType)) return true;
        if (!options.BlockTrackers) return false;
        if (Beacons.Contains(resourceType)) return true;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && IsTracker(uri);
    }

    internal static bool IsTracker(Uri url)
    {
        var host = url.IdnHost.TrimEnd('.');
        foreach (var tracker in TrackerHosts)
        {
            var slash = tracker.IndexOf('/');
            var trackerHost = slash < 0 ? tracker : tracker[..slash];
            if (!host.Equals(trackerHost, StringComparison.OrdinalIgnoreCase) && !host.EndsWith("." + trackerHost, StringComparison.OrdinalIgnoreCase)) continue;
            if (slash < 0 || url.AbsolutePath.StartsWith(tracker[slash..], StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
