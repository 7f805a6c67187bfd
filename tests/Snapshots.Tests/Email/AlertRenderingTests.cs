using Snapshots.Email;

namespace Snapshots.Tests.Email;

public sealed class AlertRenderingTests
{
    private readonly ComposedEmail _email = SampleEmails.AlertRenderer().Render(SampleEmails.Alert());

    [Fact]
    public void Subject_names_severity_platform_document_and_topics()
    {
        Assert.Equal("[high] Mistral AI changed its Privacy Policy \u2014 changed: AI training, data retention, opt-out and consent", _email.Subject);
        Assert.Equal("alert", _email.Category);
    }

    [Fact]
    public void Subject_without_topics_names_platform_and_document_only()
    {
        var content = SampleEmails.Alert(after: SampleEmails.Before.Replace("handles your information", "handles the information you give us"));
        Assert.Equal("[low] Mistral AI changed its Privacy Policy", SampleEmails.AlertRenderer().Subject(content));
    }

    [Fact]
    public void First_line_of_both_parts_is_the_severity_with_its_reason()
    {
        Assert.StartsWith("Severity high: AI training, data retention, opt-out and consent;", _email.Text.Split("====================================\n", 2)[1].TrimStart());
        Assert.Contains("Severity high: AI training, data retention, opt-out and consent;", _email.Html);
    }

    [Fact]
    public void Script_and_onerror_in_scraped_titles_and_text_are_encoded_in_html()
    {
        Assert.DoesNotContain("<script", _email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", _email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", _email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", _email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", _email.Html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", _email.Html);
    }

    [Fact]
    public void Plain_text_part_shows_the_scraped_markup_as_text()
    {
        Assert.Contains("Cookies " + SampleEmails.Script, _email.Text);
        Assert.Contains("[+90+]", _email.Text);
        Assert.Contains("[-30-]", _email.Text);
        Assert.Contains(SampleEmails.Image, _email.Text);
    }

    [Fact]
    public void Html_marks_insertions_and_deletions_in_colour()
    {
        Assert.Matches("<ins style=\"background-color:#dcfce7[^\"]*\">90</ins>", _email.Html);
        Assert.Matches("<del style=\"background-color:#fee2e2[^\"]*\">30</del>", _email.Html);
    }

    [Fact]
    public void Summary_names_sections_and_word_counts()
    {
        Assert.Contains("Added", _email.Html);
        Assert.Contains("Modified", _email.Html);
        Assert.Contains("Data retention", _email.Html);
        Assert.Matches(@"\+\d+ / \u2212\d+ words", _email.Text);
    }

    [Fact]
    public void Evidence_block_has_source_time_hashes_version_and_cite_line()
    {
        foreach (var part in new[] { _email.Html, _email.Text })
        {
            Assert.Contains("2026-11-18 07:42 UTC", part);
            Assert.Contains(new string('a', 64), part);
            Assert.Contains(new string('b', 64), part);
            Assert.Contains("7 of mistral-ai/privacy-policy", part);
            Assert.Contains("chain 0123456789abcdef", part);
        }
        Assert.Contains("<a href=\"https://mistral.ai/terms/#privacy-policy\"", _email.Html);
    }

    [Fact]
    public void Only_the_source_is_linked_and_a_javascript_source_is_not()
    {
        var hrefs = System.Text.RegularExpressions.Regex.Matches(_email.Html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["https://mistral.ai/terms/#privacy-policy", ComposedEmail.ManagePlaceholder, ComposedEmail.UnsubscribePlaceholder], hrefs);

        var hostile = SampleEmails.AlertRenderer().Render(SampleEmails.Alert(source: "javascript:alert(1)"));
        Assert.DoesNotContain("href=\"javascript", hostile.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("javascript:alert(1)", hostile.Html);
    }

    [Fact]
    public void Long_changes_are_capped_and_the_full_size_is_stated()
    {
        var longText = string.Join(" ", Enumerable.Range(0, 900).Select(i => $"word{i}"));
        var content = SampleEmails.Alert(after: SampleEmails.Before + "\n\n## Annex\n\n" + longText + "\n");
        var email = SampleEmails.AlertRenderer().Render(content);
        Assert.Matches(@"showing [\d,]+ of [\d,]+ changed characters", email.Html);
        Assert.DoesNotContain("word899", email.Html);
    }
}
