using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Archive;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Pipeline;

public sealed class UnusablePageCaptureTests
{
    [Fact]
    public async Task A_bot_challenge_served_with_200_is_a_failed_check_with_the_reason_never_a_version()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        Assert.Equal(CaptureStatus.First, (await t.CheckAsync(id)).Status);
        t.Site.Page("/privacy", """<!doctype html><html><head><title>Just a moment...</title></head><body><main class="legal">Enable JavaScript and cookies to continue</main></body></html>""");

        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Failed, outcome.Status);
        Assert.Contains("Just a moment", outcome.Detail);
        Assert.Single(await t.Pipeline.Get<VersionLedger>().ListAsync(id));
        var document = await t.Catalog.GetAsync(id);
        Assert.Equal(1, document.ConsecutiveFailures);
        Assert.Contains("not the document", document.LastError);
    }
}
