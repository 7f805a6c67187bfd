using Snapshots.Extraction;

namespace Snapshots.Tests.Extraction;

public class UnusablePageDetectorTests
{
    private static readonly string Policy = string.Join(' ', Enumerable.Repeat("We process your personal data to provide the service and keep it for thirty days.", 40));

    [Theory]
    [InlineData("Just a moment...")]
    [InlineData("Attention Required! | Cloudflare")]
    [InlineData("Access denied")]
    [InlineData("404 Not Found")]
    [InlineData("Page not found – Example")]
    [InlineData("Are you a robot?")]
    public void Challenge_and_error_titles_are_refused_with_the_title_in_the_reason(string title)
    {
        var reason = UnusablePageDetector.ReasonToRefuse($"<html><head><title>{title}</title></head><body>x</body></html>", "Some text here.\n", previousTextLength: null);

        Assert.NotNull(reason);
        Assert.Contains(title, reason);
    }

    [Theory]
    [InlineData("Please enable JavaScript to continue.")]
    [InlineData("Checking your browser before accessing example.com.")]
    [InlineData("Verify you are human by completing the action below.")]
    [InlineData("Please complete the captcha.")]
    [InlineData("Sorry, you have been blocked")]
    public void Short_texts_of_challenge_pages_are_refused(string text) =>
        Assert.NotNull(UnusablePageDetector.ReasonToRefuse("<html><head><title>Example</title></head></html>", text, previousTextLength: null));

    [Fact]
    public void A_real_policy_that_mentions_captcha_and_javascript_is_kept()
    {
        var text = Policy + " We use a captcha to stop abuse. Please enable JavaScript to use the editor. Access denied errors are logged.";

        Assert.Null(UnusablePageDetector.ReasonToRefuse("<html><head><title>Privacy Policy | Example</title></head></html>", text, previousTextLength: text.Length));
    }

    [Fact]
    public void A_near_empty_page_after_a_long_version_is_refused_but_a_short_document_is_not()
    {
        Assert.Contains("near-empty", UnusablePageDetector.ReasonToRefuse(null, "Privacy Policy\n\nLoading…\n", previousTextLength: Policy.Length));
        Assert.Null(UnusablePageDetector.ReasonToRefuse(null, "Imprint: Example GmbH, Berlin. Contact: legal@example.com.\n", previousTextLength: 80));
        Assert.Null(UnusablePageDetector.ReasonToRefuse(null, "Imprint: Example GmbH, Berlin.\n", previousTextLength: null));
    }

    [Fact]
    public void A_title_that_merely_contains_a_phrase_later_is_not_refused() =>
        Assert.Null(UnusablePageDetector.ReasonToRefuse("<title>Privacy Policy: access denied requests</title>", Policy, previousTextLength: null));
}
