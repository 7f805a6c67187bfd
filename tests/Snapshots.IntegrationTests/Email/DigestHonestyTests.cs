using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Email;
using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Email;

/// <summary>The digest says "verified" only of a document that a check in the window found unchanged (issue 13, item 1).</summary>
public sealed class DigestHonestyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task When_every_check_failed_the_digest_verifies_nothing_and_names_each_failure_with_its_error_and_since_when()
    {
        await using var p = await TestPipeline.StartAsync();
        var ids = await TrackedPlatforms.DeclareAsync(p, "Alpha AI", "Privacy Policy", "Terms of Service");
        foreach (var id in ids)
            await p.Get<DocumentCatalog>().UpdateAsync(id, d => { d.FailingSince = Now.AddHours(-1); d.LastError = $"connection refused for {id}"; d.ConsecutiveFailures = 1; return true; });
        var subscriber = await p.Get<SubscriberDirectory>().AddAsync("you@example.com", "watcher", ["alpha-ai"]);

        var email = await RenderAsync(p, subscriber);

        Assert.DoesNotContain("verified news", email.Html);
        Assert.DoesNotContain("VERIFIED UNCHANGED", email.Text);
        Assert.Contains("no changes found; 0 of 2 documents verified", email.Subject);
        Assert.Contains("could not be checked since", email.Text);
        Assert.Contains("connection refused for alpha-ai/privacy-policy", email.Text);
        Assert.Contains("You are on the Watcher plan", email.Text);
        Assert.Contains("To change your plan", email.Html);
    }

    [Fact]
    public async Task Never_checked_documents_are_said_to_be_not_checked_yet()
    {
        await using var p = await TestPipeline.StartAsync();
        await TrackedPlatforms.DeclareAsync(p, "Alpha AI", "Privacy Policy");
        var subscriber = await p.Get<SubscriberDirectory>().AddAsync("you@example.com", "free", ["alpha-ai"]);

        var email = await RenderAsync(p, subscriber);

        Assert.Contains("0 of 1 document verified", email.Subject);
        Assert.Contains("NOT CHECKED IN THIS PERIOD", email.Text);
        Assert.Contains("Privacy Policy: not checked yet", email.Text);
        Assert.DoesNotContain("last verified", email.Text);
    }

    [Fact]
    public async Task A_document_that_started_and_changed_in_the_window_is_listed_as_changed_only_and_checked_ones_as_verified()
    {
        await using var p = await TestPipeline.StartAsync();
        var ids = await TrackedPlatforms.DeclareAsync(p, "Alpha AI", "Privacy Policy", "Terms of Service");
        var privacy = ids.Single(i => i.TermsType == "privacy-policy");
        var terms = ids.Single(i => i.TermsType == "terms-of-service");
        await TrackedPlatforms.RecordAsync(p, privacy, Now.AddDays(-2), "# Privacy\n\nWe keep prompts for 30 days.");
        await TrackedPlatforms.RecordAsync(p, privacy, Now.AddDays(-1), "# Privacy\n\nWe keep prompts for 90 days.");
        await TrackedPlatforms.RecordAsync(p, terms, Now.AddDays(-20), "# Terms\n\nBe nice.");
        await p.Get<DocumentCatalog>().UpdateAsync(terms, d => { d.LastCheckedAt = Now.AddHours(-2); return true; });
        var subscriber = await p.Get<SubscriberDirectory>().AddAsync("you@example.com", "watcher", ["alpha-ai"]);

        var model = DigestEmailModel.From(await p.Get<DigestBuilder>().BuildAsync(subscriber, Now), subscriber.Plan);

        Assert.Equal(["Terms of Service"], model.Unchanged.Select(u => u.TermsType));
        Assert.Equal(["Privacy Policy"], model.Platforms.SelectMany(x => x.Changes).Select(c => c.TermsType));
        Assert.Equal(0, model.NotVerifiedCount);
    }

    private static async Task<(string Subject, string Html, string Text)> RenderAsync(TestPipeline p, SubscriberRecord subscriber)
    {
        var model = DigestEmailModel.From(await p.Get<DigestBuilder>().BuildAsync(subscriber, Now), subscriber.Plan);
        var email = p.Get<DigestComposer>().Render(model);
        return (email.Subject, email.Html, email.Text);
    }
}
