using System.Text.RegularExpressions;

namespace Snapshots.Tests.Email;

public sealed class DigestRenderingTests
{
    [Fact]
    public void Subject_counts_changes_and_platforms()
    {
        var email = SampleEmails.DigestComposer().Render(SampleEmails.Digest());
        Assert.Equal("Your weekly Snapshots digest \u2014 2026-W47: 3 changes on 2 platforms", email.Subject);
        Assert.Equal("digest", email.Category);
    }

    [Fact]
    public void Quiet_week_subject_counts_verified_documents_and_does_not_call_a_failing_one_verified()
    {
        // The sample's quiet week has 5 documents verified and 1 failing (issue 13: only verified documents are called verified).
        var email = SampleEmails.DigestComposer().Render(SampleEmails.Digest(quiet: true));
        Assert.Equal("Your weekly Snapshots digest \u2014 2026-W47: no changes found; 5 of 6 documents verified", email.Subject);
        Assert.DoesNotContain("A quiet week", email.Html);
        Assert.Contains("1 document could not be verified in this period", email.Html);

        var allVerified = SampleEmails.Digest(quiet: true) with { Failing = [] };
        var quiet = SampleEmails.DigestComposer().Render(allVerified);
        Assert.Equal("Your weekly Snapshots digest \u2014 2026-W47: no changes, 5 documents verified", quiet.Subject);
        Assert.Contains("A quiet week", quiet.Html);
    }

    [Fact]
    public void Changes_are_grouped_by_platform_newest_first()
    {
        var text = SampleEmails.DigestComposer().Render(SampleEmails.Digest()).Text;
        var openAi = text.IndexOf("OpenAI (1 change)", StringComparison.Ordinal);
        var mistral = text.IndexOf("Mistral AI (2 changes)", StringComparison.Ordinal);
        Assert.True(openAi >= 0 && mistral > openAi, text);
        Assert.True(text.IndexOf("Privacy Policy, version 7", StringComparison.Ordinal) < text.IndexOf("Terms of Service, version 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Lists_unchanged_documents_with_last_verified_time_and_failing_ones()
    {
        var email = SampleEmails.DigestComposer().Render(SampleEmails.Digest());
        Assert.Contains("last verified 2026-11-23 04:00 UTC", email.Html);
        Assert.Contains("could not be checked since 2026-11-20 07:00 UTC", email.Html);
        Assert.Contains("could not be checked since 2026-11-20 07:00 UTC: HTTP 503", email.Text);
    }

    [Fact]
    public void Scraped_names_and_errors_are_encoded_and_unsafe_sources_not_linked()
    {
        var email = SampleEmails.DigestComposer().Render(SampleEmails.Digest(platformName: "Evil " + SampleEmails.Script, error: SampleEmails.Image));
        Assert.DoesNotContain("<script", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", email.Html);
        Assert.DoesNotContain("href=\"javascript", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Evil " + SampleEmails.Script, email.Text);
    }

    [Fact]
    public void Chart_has_twelve_columns_with_bars_as_table_cells()
    {
        var html = SampleEmails.DigestComposer().Render(SampleEmails.Digest()).Html;
        var labels = Regex.Matches(html, @">W(\d\d)</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(12, labels.Count);
        Assert.Equal("47", labels[^1]);
        Assert.Contains("height:64px;", html); // the busiest week (4) is the full height
        Assert.Contains("height:16px;", html); // a week with 1 change is a quarter of it
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }
}
