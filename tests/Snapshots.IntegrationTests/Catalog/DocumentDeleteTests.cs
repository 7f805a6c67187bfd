using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Catalog;

/// <summary>
/// <c>DocumentCatalog.DeleteAsync</c> says whether the row was there: the Tables client answers a delete of a missing entity
/// with a 404 response, not an exception, so "true when it existed" must come from that status.
/// </summary>
public sealed class DocumentDeleteTests
{
    [Fact]
    public async Task Deleting_a_row_says_true_once_and_false_when_it_is_gone()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));

        Assert.True(await t.Catalog.DeleteAsync(id));
        Assert.False(await t.Catalog.DeleteAsync(id));
        Assert.Empty(await t.Catalog.ListAsync());
    }
}
