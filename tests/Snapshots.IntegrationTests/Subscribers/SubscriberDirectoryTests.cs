using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Subscribers;

public sealed class SubscriberDirectoryTests
{
    [Fact]
    public async Task Concurrent_follows_of_one_subscriber_lose_no_platform_in_the_profile_or_the_index()
    {
        await using var p = await TestPipeline.StartAsync();
        var slugs = new List<string>();
        for (var i = 1; i <= 8; i++)
        {
            await TrackedPlatforms.DeclareAsync(p, $"Platform {i}", "Privacy Policy");
            slugs.Add($"platform-{i}");
        }
        var directory = p.Get<SubscriberDirectory>();
        await directory.AddAsync("busy@example.com", "monitor", []);

        await Task.WhenAll(slugs.Select(slug => Task.Run(() => directory.FollowAsync("busy@example.com", [slug]))));

        var profile = await directory.GetAsync("busy@example.com");
        Assert.Equal(slugs.Order(StringComparer.Ordinal), profile.PlatformList);
        foreach (var slug in slugs) Assert.Equal(profile.SubscriberId, Assert.Single(await directory.FollowersAsync(slug)).SubscriberId);
    }

    [Fact]
    public async Task Adding_the_same_address_concurrently_creates_one_subscriber_and_refuses_the_others()
    {
        await using var p = await TestPipeline.StartAsync();
        await TrackedPlatforms.DeclareAsync(p, "Example AI", "Privacy Policy");
        var directory = p.Get<SubscriberDirectory>();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try { await directory.AddAsync("twice@example.com", "free", ["example-ai"]); return true; }
            catch (DuplicateSubscriberException) { return false; }
        })));

        Assert.Single(attempts, added => added);
        Assert.Single(await directory.ListAsync());
        Assert.Single(await directory.FollowersAsync("example-ai"));
    }

    [Fact]
    public async Task Preferences_change_one_at_a_time_and_an_unknown_subscriber_is_named()
    {
        await using var p = await TestPipeline.StartAsync();
        var directory = p.Get<SubscriberDirectory>();
        var added = await directory.AddAsync("prefs@example.com", "watcher", []);

        var updated = await directory.SetPreferencesAsync(added.SubscriberId, alerts: false, digest: null);

        Assert.Equal((false, true), (updated.AlertsEnabled, updated.DigestEnabled));
        var e = await Assert.ThrowsAsync<UnknownSubscriberException>(() => directory.SetPreferencesAsync("nobody@example.com", true, true));
        Assert.Contains("n***@example.com", e.Message);
        Assert.Null(await directory.FindAsync("nobody@example.com"));
    }
}
