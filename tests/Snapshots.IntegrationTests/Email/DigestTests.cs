using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Catalog;
using Snapshots.Email;
using Snapshots.Pipeline;
using Snapshots.Subscribers;

using Snapshots.IntegrationTests.Pipeline;

namespace Snapshots.IntegrationTests.Email;

public sealed class DigestTests
{
    /// <summary>Monday of 2026-W48, 07:00 UTC: the default digest time.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Digests_are_scheduled_for_the_week_only_for_subscribers_with_the_digest_on_and_something_followed()
    {
        await using var p = await TestPipeline.StartAsync();
        await TrackedPlatforms.DeclareAsync(p, "Example AI", "Privacy Policy");
        var directory = p.Get<SubscriberDirectory>();
        var reader = await directory.AddAsync("reader@example.com", "free", ["example-ai"]);
        await directory.AddAsync("nothing@example.com", "watcher", []);
        await directory.AddAsync("nodigest@example.com", "watcher", ["example-ai"], digest: false);
        var emptied = await directory.AddAsync("emptied@example.com", "free", ["example-ai"]);
        await directory.UnfollowAsync(emptied.SubscriberId, ["example-ai"]);

        var count = await p.Get<ScheduleDigestsHandler>().RunAsync(Now);

        Assert.Equal(1, count);
        var request = Assert.Single(await FanOutTests.ReceiveEmailRequestsAsync(p));
        Assert.Equal((DigestEmail.Kind, reader.SubscriberId, "digest:2026-W48", "2026-W48"), (request.Kind, request.SubscriberId, request.MessageKey, request.IsoWeek));
    }

    [Fact]
    public async Task Changes_are_listed_most_severe_first_and_the_platform_with_the_most_severe_change_comes_first()
    {
        await using var p = await TestPipeline.StartAsync();
        var alpha = await TrackedPlatforms.DeclareAsync(p, "Alpha AI", "Privacy Policy", "Terms of Service");
        var beta = await TrackedPlatforms.DeclareAsync(p, "Beta AI", "Privacy Policy");
        var (alphaPrivacy, alphaTerms, betaPrivacy) = (Find(alpha, "privacy-policy"), Find(alpha, "terms-of-service"), Find(beta, "privacy-policy"));
        foreach (var id in alpha.Concat(beta))
            await TrackedPlatforms.RecordAsync(p, id, Now.AddDays(-30), $"# {id}\n\n## Contact\n\nWrite to us at our office in Paris.\n\n## Data retention\n\nWe keep your prompts for 30 days.");
        var high = await TrackedPlatforms.RecordAsync(p, betaPrivacy, Now.AddDays(-5), $"# {betaPrivacy}\n\n## Contact\n\nWrite to us at our office in Paris.\n\n## Data retention\n\nWe keep your prompts for 30 days.\n\n## Model training\n\nWe train our models on your content.");
        var medium = await TrackedPlatforms.RecordAsync(p, alphaTerms, Now.AddDays(-4), $"# {alphaTerms}\n\n## Contact\n\nWrite to us at our offices in Paris and Berlin, or by post to our registered address.\n\n## Governing law\n\nThese terms are governed by the laws of France.\n\n## Data retention\n\nWe keep your prompts for 30 days.");
        var low = await TrackedPlatforms.RecordAsync(p, alphaPrivacy, Now.AddDays(-1), $"# {alphaPrivacy}\n\n## Contact\n\nWrite to us at our office in Lyon.\n\n## Data retention\n\nWe keep your prompts for 30 days.");
        Assert.Equal(("high", "medium", "low"), (high.Severity, medium.Severity, low.Severity));
        Assert.StartsWith("AI training;", high.SeverityReason);
        var subscriber = await p.Get<SubscriberDirectory>().AddAsync("reader@example.com", "watcher", ["beta-ai", "alpha-ai"]);

        var digest = await p.Get<DigestBuilder>().BuildAsync(subscriber, Now);

        Assert.Equal(["Beta AI", "Alpha AI"], digest.Platforms.Select(x => x.Name)); // the high change's platform first
        Assert.Equal([alphaTerms, alphaPrivacy], digest.Platforms[1].Changes.Select(c => c.Document)); // medium before the newer low
        var text = p.Get<DigestComposer>().Render(DigestEmailModel.From(digest)).Text;
        Assert.Contains("Severity high: AI training;", text);
        Assert.True(text.IndexOf("Severity high", StringComparison.Ordinal) < text.IndexOf("Severity medium", StringComparison.Ordinal), text);
        Assert.True(text.IndexOf("Severity medium", StringComparison.Ordinal) < text.IndexOf("Severity low", StringComparison.Ordinal), text);
    }

    [Fact]
    public async Task A_week_with_three_changes_across_two_platforms_lists_all_three_newest_first_and_the_unchanged_documents()
    {
        await using var p = await TestPipeline.StartAsync();
        var alpha = await TrackedPlatforms.DeclareAsync(p, "Alpha AI", "Privacy Policy", "Terms of Service", "Acceptable Use Policy");
        var beta = await TrackedPlatforms.DeclareAsync(p, "Beta AI", "Privacy Policy", "Terms of Service");
        await TrackedPlatforms.DeclareAsync(p, "Gamma AI", "Privacy Policy");
        var (alphaPrivacy, alphaTerms, alphaCookies) = (Find(alpha, "privacy-policy"), Find(alpha, "terms-of-service"), Find(alpha, "acceptable-use-policy"));
        var (betaPrivacy, betaTerms) = (Find(beta, "privacy-policy"), Find(beta, "terms-of-service"));
        foreach (var id in alpha.Concat(beta))
            await TrackedPlatforms.RecordAsync(p, id, Now.AddDays(-30), $"# {id}\n\n## Data retention\n\nWe keep your prompts for 30 days.");
        await TrackedPlatforms.RecordAsync(p, betaTerms, Now.AddDays(-10), $"# {betaTerms}\n\n## Data retention\n\nWe keep your prompts for 60 days.");
        await TrackedPlatforms.RecordAsync(p, alphaPrivacy, Now.AddDays(-6), $"# {alphaPrivacy}\n\n## Data retention\n\nWe keep your prompts for 90 days.");
        var newest = await TrackedPlatforms.RecordAsync(p, alphaTerms, Now.AddDays(-2), $"# {alphaTerms}\n\n## Data retention\n\nWe keep your prompts for 30 days.\n\n## Model training\n\nWe train on your content.");
        await TrackedPlatforms.RecordAsync(p, betaPrivacy, Now.AddDays(-3), $"# {betaPrivacy}\n\n## Data retention\n\nWe delete your prompts at once.");
        var subscriber = await p.Get<SubscriberDirectory>().AddAsync("reader@example.com", "watcher", ["beta-ai", "alpha-ai"]);

        var digest = await p.Get<DigestBuilder>().BuildAsync(subscriber, Now);

        Assert.Equal((Now.AddDays(-7), Now), (digest.Window.Start, digest.Window.End));
        Assert.Equal("2026-W48", digest.Week.ToString());
        Assert.Equal(3, digest.ChangeCount);
        Assert.Equal(["Alpha AI", "Beta AI"], digest.Platforms.Select(x => x.Name));
        var alphaDigest = digest.Platforms[0];
        Assert.Equal("alpha-ai", alphaDigest.Slug);
        Assert.Equal([alphaTerms, alphaPrivacy], alphaDigest.Changes.Select(c => c.Document));
        Assert.Equal([alphaCookies], alphaDigest.Unchanged.Select(u => u.Document));
        Assert.Equal(Now.AddDays(-30), alphaDigest.Unchanged[0].LastCheckedAt);
        Assert.Equal([betaPrivacy], digest.Platforms[1].Changes.Select(c => c.Document));
        Assert.Equal([betaTerms], digest.Platforms[1].Unchanged.Select(u => u.Document));

        var change = alphaDigest.Changes[0];
        Assert.Equal((2L, Now.AddDays(-2), newest.TextSha256, newest.PreviousTextSha256), (change.Sequence, change.CapturedAt, change.Sha256, change.PreviousSha256));
        Assert.Equal("Terms of Service", change.TermsType);
        Assert.Equal("https://alpha-ai.example/terms-of-service", change.Url);
        Assert.True(change.WordsAdded > 0);
        Assert.NotNull(change.Summary);
        Assert.Equal(change.WordsAdded, change.Summary.WordsAdded);
        Assert.True(change.Summary.SectionsAdded >= 1);

        Assert.Equal(DigestBuilder.ChartWeeks, digest.WeeklyChanges.Count);
        Assert.Equal("2026-W48", digest.WeeklyChanges[^1].Week.ToString());
        Assert.Equal("2026-W37", digest.WeeklyChanges[0].Week.ToString());
        var counts = digest.WeeklyChanges.ToDictionary(w => w.Week.ToString(), w => w.Changes);
        Assert.Equal((0, 3, 1), (counts["2026-W48"], counts["2026-W47"], counts["2026-W46"]));
        Assert.Equal(4, counts.Values.Sum()); // first versions (tracking started) are not changes
    }

    [Fact]
    public async Task The_window_starts_at_the_last_digest_and_marking_a_digest_sent_moves_it_forward_only()
    {
        await using var p = await TestPipeline.StartAsync();
        var ids = await TrackedPlatforms.DeclareAsync(p, "Alpha AI", "Privacy Policy");
        await TrackedPlatforms.RecordAsync(p, ids[0], Now.AddDays(-20), "# Privacy\n\nFirst.");
        await TrackedPlatforms.RecordAsync(p, ids[0], Now.AddDays(-5), "# Privacy\n\nSecond.");
        await TrackedPlatforms.RecordAsync(p, ids[0], Now.AddDays(-1), "# Privacy\n\nThird.");
        var directory = p.Get<SubscriberDirectory>();
        var subscriber = await directory.AddAsync("reader@example.com", "free", ["alpha-ai"]);

        var marked = await directory.MarkDigestSentAsync(subscriber.SubscriberId, Now.AddDays(-3));
        await directory.MarkDigestSentAsync(subscriber.SubscriberId, Now.AddDays(-4));
        var digest = await p.Get<DigestBuilder>().BuildAsync(await directory.GetAsync("reader@example.com"), Now);

        Assert.Equal(Now.AddDays(-3), marked.LastDigestThrough);
        Assert.Equal(Now.AddDays(-3), digest.Window.Start);
        Assert.Equal([3L], digest.Platforms.Single().Changes.Select(c => c.Sequence));
    }

    [Fact]
    public async Task Failing_documents_are_listed_as_not_checked_since_and_not_as_verified()
    {
        await using var p = await TestPipeline.StartAsync();
        var ids = await TrackedPlatforms.DeclareAsync(p, "Alpha AI", "Privacy Policy", "Terms of Service", "Acceptable Use Policy");
        foreach (var id in ids) await TrackedPlatforms.RecordAsync(p, id, Now.AddDays(-20), $"# {id}");
        var catalog = p.Get<DocumentCatalog>();
        await Fail(catalog, Find(ids, "privacy-policy"), Now.AddDays(-2), "HTTP 503 from https://alpha-ai.example/privacy-policy");
        await Fail(catalog, Find(ids, "terms-of-service"), Now.AddHours(-3), "timed out");
        var subscriber = await p.Get<SubscriberDirectory>().AddAsync("reader@example.com", "free", ["alpha-ai"]);

        var platform = (await p.Get<DigestBuilder>().BuildAsync(subscriber, Now)).Platforms.Single();

        // Issue 13: a document whose last check failed is never verified, however recent the failure.
        Assert.Equal(2, platform.Failing.Count);
        var failing = platform.Failing.Single(f => f.Document == Find(ids, "privacy-policy"));
        Assert.Equal(Now.AddDays(-2), failing.FailingSince);
        Assert.Contains("HTTP 503", failing.LastError);
        Assert.Equal(3, failing.ConsecutiveFailures);
        Assert.Equal(Now.AddHours(-3), platform.Failing.Single(f => f.Document == Find(ids, "terms-of-service")).FailingSince);
        Assert.Equal(["alpha-ai/acceptable-use-policy"], platform.Unchanged.Select(u => u.Document.ToString()));
        Assert.False(platform.Unchanged[0].VerifiedInWindow); // last checked 20 days ago: not in this window
        Assert.Empty(platform.Changes);
    }

    private static DocumentId Find(IReadOnlyList<DocumentId> ids, string termsType) => ids.Single(i => i.TermsType == termsType);

    private static Task Fail(DocumentCatalog catalog, DocumentId id, DateTimeOffset since, string error) =>
        catalog.UpdateAsync(id, d =>
        {
            d.FailingSince = since;
            d.LastError = error;
            d.ConsecutiveFailures = 3;
            return true;
        });
}
