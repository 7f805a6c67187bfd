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

    [Theory]
    [InlineData("<html><head><TITLE lang=\"en\">Just a moment...</TITLE></head></html>", "Just a moment...")]
    [InlineData("<title>\n  Conditions   d’utilisation &amp; confidentialité\n</title>", "Conditions d’utilisation & confidentialité")]
    [InlineData("<head><title></title></head>", "")]
    [InlineData("<head><title>never closed", null)]
    [InlineData("<p>no title</p><title>Second</title><title>Third</title>", "Second")]
    public void The_title_is_read_the_same_from_the_page_as_received_as_from_its_text(string html, string? title)
    {
        Assert.Equal(title, UnusablePageDetector.TitleOf(html.AsSpan()));
        Assert.Equal(title, UnusablePageDetector.TitleOf(System.Text.Encoding.UTF8.GetBytes(html)));
    }

    [Fact]
    public void Only_the_first_64_KiB_of_a_page_are_read_for_its_title()
    {
        var early = "<title>Access denied</title>" + new string(' ', 70_000);
        var late = new string(' ', 70_000) + "<title>Access denied</title>";

        Assert.NotNull(UnusablePageDetector.ReasonToRefusePage(System.Text.Encoding.UTF8.GetBytes(early), Policy, previousTextLength: null));
        Assert.Null(UnusablePageDetector.ReasonToRefusePage(System.Text.Encoding.UTF8.GetBytes(late), Policy, previousTextLength: null));
        Assert.Null(UnusablePageDetector.ReasonToRefuse(late, Policy, previousTextLength: null));
    }
}
