using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Web;

/// <summary>A site with one platform whose privacy policy changed once (retention 30 → 90 days) and whose terms have one version.</summary>
public static class ArchiveFixture
{
    public static async Task<(WebTestHost Host, DocumentId Privacy, DocumentId Terms)> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var host = await WebTestHost.StartAsync(settings);
        try
        {
            var privacy = await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training));
            var terms = await host.TrackAsync("Example AI", "Terms of Service", "/terms", PolicyPages.Privacy("<h2>Use</h2><p>Be kind to the service.</p>"));
            await host.CheckAsync(privacy);
            await host.CheckAsync(terms);
            host.Tracked.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention.Replace("30 days", "90 days") + PolicyPages.Training));
            await host.CheckAsync(privacy);
            return (host, privacy, terms);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }
}
