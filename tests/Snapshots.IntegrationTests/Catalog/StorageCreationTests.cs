using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Storage;

namespace Snapshots.IntegrationTests.Catalog;

/// <summary>
/// <see cref="StorageClients.EnsureCreatedAsync"/> on real Azurite: a new account gets every container, table and queue;
/// a complete one costs three listings and nothing else; one that lost a table and a queue gets exactly those back,
/// without touching what is stored.
/// </summary>
public sealed class StorageCreationTests
{
    private static readonly string[] Listings = ["GET ", "GET Tables", "GET "];

    [Fact]
    public async Task A_new_account_gets_everything_and_a_complete_one_only_three_listings()
    {
        var log = new StorageRequestLog();
        var storage = new StorageClients(new StorageOptions(await SharedAzurite.NewAccountAsync(), null, null), log);

        await storage.EnsureCreatedAsync();

        Assert.Equal(3 + 2 + StorageNames.Tables.Count + 2 * QueueNames.All.Count, log.Requests.Count);
        Assert.True((await storage.Snapshots.ExistsAsync()).Value);
        Assert.True((await storage.Alerts.ExistsAsync()).Value);
        var tables = new List<string>();
        await foreach (var table in storage.Tables.QueryAsync()) tables.Add(table.Name);
        Assert.Equal(StorageNames.Tables.Order(), tables.Order());
        foreach (var queue in QueueNames.All)
        {
            Assert.True((await storage.Queue(queue).ExistsAsync()).Value, queue);
            Assert.True((await storage.Queue(QueueNames.PoisonOf(queue)).ExistsAsync()).Value, QueueNames.PoisonOf(queue));
        }

        log.Clear();
        await storage.EnsureCreatedAsync();

        Assert.Equal(Listings.Order(), log.Requests.Order());
    }

    [Fact]
    public async Task What_went_missing_is_created_again_and_what_is_stored_stays()
    {
        var log = new StorageRequestLog();
        var storage = new StorageClients(new StorageOptions(await SharedAzurite.NewAccountAsync(), null, null), log);
        await storage.EnsureCreatedAsync();
        await storage.Documents.AddEntityAsync(new Azure.Data.Tables.TableEntity("p", "r") { ["Kept"] = "yes" });
        await storage.Queue(QueueNames.Changes).SendMessageAsync("kept");
        await storage.Tables.DeleteTableAsync(StorageNames.ProvisionsTable);
        await storage.Queue(QueueNames.PoisonOf(QueueNames.Emails)).DeleteAsync();

        log.Clear();
        await storage.EnsureCreatedAsync();

        Assert.Equal(
            Listings.Concat([$"POST Tables", $"PUT {QueueNames.PoisonOf(QueueNames.Emails)}"]).Order(),
            log.Requests.Order());
        Assert.True((await storage.Queue(QueueNames.PoisonOf(QueueNames.Emails)).ExistsAsync()).Value);
        Assert.Equal("yes", (await storage.Documents.GetEntityAsync<Azure.Data.Tables.TableEntity>("p", "r")).Value.GetString("Kept"));
        Assert.Equal(1, (await storage.Queue(QueueNames.Changes).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var provisions = storage.Provisions;
        await provisions.AddEntityAsync(new Azure.Data.Tables.TableEntity("p", "r"));
    }
}
