using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Pipeline;

namespace Snapshots.IntegrationTests.Pipeline;

public sealed class DueAfterVersionTests
{
    [Fact]
    public async Task A_document_that_just_recorded_a_new_version_is_not_due_again_before_its_interval()
    {
        await using var t = await TrackedSite.StartAsync(new Dictionary<string, string?> { ["Capture:Interval"] = "100.00:00:00" });
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var scheduler = t.Pipeline.Get<ScheduleCapturesHandler>();
        Assert.Equal(1, await scheduler.RunAsync(DateTimeOffset.UtcNow));
        await t.Pipeline.Storage.Queue(Storage.QueueNames.Capture).ClearMessagesAsync();

        var outcome = await t.CheckAsync(id);

        Assert.True(outcome.IsChange);
        Assert.NotNull((await t.Catalog.GetAsync(id)).LastAttemptAt);
        Assert.Equal(0, await scheduler.RunAsync(DateTimeOffset.UtcNow));
    }
}
