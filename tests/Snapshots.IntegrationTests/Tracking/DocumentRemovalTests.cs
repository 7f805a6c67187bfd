using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Provisions;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Tracking;

/// <summary>Removing a document with its history, then tracking the same id again.</summary>
public sealed class DocumentRemovalTests
{
    [Fact]
    public async Task A_document_removed_with_its_history_and_added_again_gets_the_provisions_of_its_new_text_not_the_removed_ones()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention + PolicyPages.Training));
        Assert.Equal(CaptureStatus.First, (await t.CheckAsync(id)).Status);
        var provisions = t.Pipeline.Get<ProvisionLedger>();
        Assert.Contains((await provisions.FindAsync(id, 1))!.Provisions, p => p.Slug.StartsWith("data-retention", StringComparison.Ordinal));

        await t.Pipeline.Get<DocumentRemoval>().RemoveAsync([id], withHistory: true);

        Assert.Empty(await provisions.ListAsync(id));
        var again = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy("<h2>Cookies</h2><p>We set one cookie to keep you signed in.</p>"));
        Assert.Equal(id, again);
        Assert.Equal(CaptureStatus.First, (await t.CheckAsync(id)).Status);
        var version = await t.Ledger.GetAsync(id, 1);
        var map = (await provisions.FindAsync(id, 1))!;
        Assert.Equal(version.TextSha256, map.TextSha256);
        Assert.Contains(map.Provisions, p => p.Slug.StartsWith("cookies", StringComparison.Ordinal));
        Assert.DoesNotContain(map.Provisions, p => p.Slug.StartsWith("data-retention", StringComparison.Ordinal));
    }
}
