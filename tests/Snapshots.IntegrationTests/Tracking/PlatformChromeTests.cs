using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Storage;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Tracking;

/// <summary>A block inside the selection that is the same on every document of a platform and changes on all of them at once is site chrome.</summary>
public sealed class PlatformChromeTests
{
    private static string Page(string banner, string body) => PolicyPages.Privacy($"<div class=\"x-7f3a\"><p>{banner}</p></div>{body}");

    private const string Terms = "<h2>Use of the service</h2><p>You may not use the service to break the law.</p>";

    private static async Task<IReadOnlyList<CaptureOutcome>> CheckAllAsync(TrackedSite t, params DocumentId[] ids)
    {
        var documents = new List<DocumentRecord>();
        foreach (var id in ids) documents.Add(await t.Catalog.GetAsync(id));
        return await t.Pipeline.Get<CaptureCycle>().RunAsync(documents);
    }

    [Fact]
    public async Task A_banner_that_changes_on_every_document_of_the_platform_at_once_is_not_a_change_and_a_real_edit_still_is()
    {
        await using var t = await TrackedSite.StartAsync();
        var privacy = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", Page("Example 4 is now live!", PolicyPages.Retention));
        var terms = await t.TrackAsync("Example AI", "Terms of Service", "/terms", Page("Example 4 is now live!", Terms));
        Assert.All(await CheckAllAsync(t, privacy, terms), o => Assert.Equal(CaptureStatus.First, o.Status));

        t.Site.Page("/privacy", Page("Example 5 is now live! Try it today.", PolicyPages.Retention));
        t.Site.Page("/terms", Page("Example 5 is now live! Try it today.", Terms));
        var outcomes = await CheckAllAsync(t, privacy, terms);

        Assert.All(outcomes, o =>
        {
            Assert.Equal(CaptureStatus.Unchanged, o.Status);
            Assert.Contains("site chrome changed identically on all 2 documents of the platform", o.Detail);
            Assert.Contains("Example 5 is now live!", o.Detail);
        });
        // Checked again (new markup, same text): unchanged without looking at the other documents.
        t.Site.Page("/privacy", Page("Example 5 is now live! Try it today.", PolicyPages.Retention) + "<!-- build 2 -->");
        Assert.Contains("same text", (await CheckAllAsync(t, privacy)).Single().Detail);
        var ledger = t.Pipeline.Get<VersionLedger>();
        Assert.Single(await ledger.ListAsync(privacy));
        Assert.Single(await ledger.ListAsync(terms));
        Assert.Empty((await t.Pipeline.Storage.Queue(QueueNames.Changes).PeekMessagesAsync(32)).Value); // first versions owe no notice, and nothing changed

        // The banner changes with a real edit on one document: that document records a version, the other does not.
        t.Site.Page("/privacy", Page("Example 6 is now live!", PolicyPages.Retention + PolicyPages.Training));
        t.Site.Page("/terms", Page("Example 6 is now live!", Terms));
        var edit = await CheckAllAsync(t, privacy, terms);
        Assert.Equal(CaptureStatus.Changed, edit.Single(o => o.Document == privacy).Status);
        Assert.Equal(CaptureStatus.Unchanged, edit.Single(o => o.Document == terms).Status);
        Assert.Contains("We do not use your content to train our models.", await t.Pipeline.Get<SnapshotArchive>().ReadTextAsync((await ledger.GetAsync(privacy, 2)).TextBlob));
    }

    [Fact]
    public async Task Documents_checked_one_after_another_as_the_Functions_app_does_fold_the_same_banner_change()
    {
        await using var t = await TrackedSite.StartAsync();
        var privacy = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", Page("Example 4 is now live!", PolicyPages.Retention));
        var terms = await t.TrackAsync("Example AI", "Terms of Service", "/terms", Page("Example 4 is now live!", Terms));
        var usage = await t.TrackAsync("Example AI", "Acceptable Use Policy", "/usage", Page("Example 4 is now live!", "<h2>Use</h2><p>Do not attack the service.</p>"));
        foreach (var id in new[] { privacy, terms, usage }) Assert.Equal(CaptureStatus.First, (await CheckAllAsync(t, id)).Single().Status);

        t.Site.Page("/privacy", Page("Example 5 is now live!", PolicyPages.Retention));
        t.Site.Page("/terms", Page("Example 5 is now live!", Terms));
        t.Site.Page("/usage", Page("Example 5 is now live!", "<h2>Use</h2><p>Do not attack the service.</p>"));

        // Each check its own cycle, as separate queue messages: the first folds the banner and remembers its page as
        // equivalent; the ones after it must still see that page as changed.
        foreach (var id in new[] { terms, privacy, usage })
        {
            var outcome = (await CheckAllAsync(t, id)).Single();
            Assert.Equal(CaptureStatus.Unchanged, outcome.Status);
            Assert.Contains("site chrome changed identically on all 3 documents of the platform", outcome.Detail);
        }
        var ledger = t.Pipeline.Get<VersionLedger>();
        foreach (var id in new[] { privacy, terms, usage }) Assert.Single(await ledger.ListAsync(id));
    }

    [Fact]
    public async Task A_shared_block_that_changes_on_one_document_only_or_touches_a_governance_topic_is_a_change()
    {
        await using var t = await TrackedSite.StartAsync();
        var privacy = await t.TrackAsync("Example AI", "Privacy Policy", "/privacy", Page("We keep your prompts for 30 days.", PolicyPages.Training));
        var terms = await t.TrackAsync("Example AI", "Terms of Service", "/terms", Page("We keep your prompts for 30 days.", Terms));
        await CheckAllAsync(t, privacy, terms);

        // The same sentence changes on both: it names data retention, so it is never chrome.
        t.Site.Page("/privacy", Page("We keep your prompts for 90 days.", PolicyPages.Training));
        t.Site.Page("/terms", Page("We keep your prompts for 90 days.", Terms));
        Assert.All(await CheckAllAsync(t, privacy, terms), o => Assert.Equal(CaptureStatus.Changed, o.Status));

        // A block shared by both changes on one only: not chrome.
        t.Site.Page("/privacy", Page("Questions? Write to legal@example.com.", PolicyPages.Training));
        Assert.Equal(CaptureStatus.Changed, (await CheckAllAsync(t, privacy, terms)).Single(o => o.Document == privacy).Status);
    }
}
