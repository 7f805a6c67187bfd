using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Email;

namespace Snapshots.Tests.Email;

/// <summary>
/// A realistic alert and digest, rendered by the real templates. When <c>SNAPSHOTS_EMAIL_SAMPLES</c> names a folder the HTML is
/// written there (docs/render-emails.sh screenshots it); either way the rendering is checked.
/// </summary>
public sealed class RealisticEmails
{
    private const string Before = """
        # Privacy Policy

        Last updated: 2 September 2026. Mistral AI SAS explains how it handles personal data when you use Le Chat, La Plateforme and our APIs.

        ## 1. Data we collect

        We collect account data (name, email address, billing details), the prompts and files you submit, and technical logs such as IP address and device type.

        ## 2. Data retention

        We keep your prompts and outputs for 30 days to detect abuse, after which they are deleted. Account data is kept while your account is open.

        ## 3. Use of your data for training

        We do not use the content you submit through La Plateforme to train our models. Le Chat conversations are used for training only if you opt in.

        ## 4. Your rights

        You may access, correct or delete your personal data by writing to privacy@mistral.ai.

        ## 5. Governing law

        This policy is governed by French law.
        """;

    private const string After = """
        # Privacy Policy

        Last updated: 18 November 2026. Mistral AI SAS explains how it handles personal data when you use Le Chat, La Plateforme and our APIs.

        ## 1. Data we collect

        We collect account data (name, email address, billing details), the prompts and files you submit, and technical logs such as IP address and device type.

        ## 2. Data retention

        We keep your prompts and outputs for 90 days to detect abuse and improve safety systems, after which they are deleted or anonymised. Account data is kept while your account is open.

        ## 3. Use of your data for training

        We may use the content you submit to Le Chat to train and improve our models unless you opt out in your privacy settings. Content submitted through La Plateforme is not used for training.

        ## 4. Your rights

        You may access, correct or delete your personal data by writing to privacy@mistral.ai.

        ## 5. International transfers

        Where your data is processed outside the European Economic Area, we rely on the European Commission's standard contractual clauses.

        ## 6. Governing law

        This policy is governed by French law.
        """;

    public static AlertContent Alert()
    {
        const string before = "4f0c1d9e2a7b3c5d8e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d";
        const string after = "9b3e7a1c5d2f4e6a8b0c1d3e5f7a9b2c4d6e8f0a1b3c5d7e9f2a4b6c8d0e1f3a";
        var captured = new DateTimeOffset(2026, 11, 18, 7, 42, 13, TimeSpan.Zero);
        return new AlertContent("Mistral AI", "Privacy Policy", "mistral-ai/privacy-policy", "https://mistral.ai/terms/#privacy-policy", captured, 7, before, after,
            $"Mistral AI, Privacy Policy, version 7, captured 2026-11-18T07:42:13.000Z from https://mistral.ai/terms/#privacy-policy; SHA-256 {after}; archived as snapshots/mistral-ai/privacy-policy/{after}.md; chain 5e1f0a9c3b7d2e4f.",
            new ChangeSummarizer().Compare(Before, After));
    }

    public static DigestEmailModel Digest()
    {
        var now = new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
        var mistral = new ChangeSummarizer().Summarize(Before, After);
        var openAi = new ChangeSummarizer().Summarize(
            "# Usage policies\n\n## Universal policies\n\nDo not use our services to harm others.\n\n## Building with our API\n\nDo not build tools that target minors.\n",
            "# Usage policies\n\n## Universal policies\n\nDo not use our services to harm yourself or others.\n\n## Building with our API\n\nDo not build tools that target minors.\n\n## Automated decisions\n\nDo not use outputs for automated decisions about credit, employment or housing without human review.\n");
        var platforms = new List<DigestPlatformChanges>
        {
            new("Mistral AI", [
                new DigestChange(DocumentId.Parse("mistral-ai/privacy-policy"), "Privacy Policy", 7, now.AddDays(-4).AddHours(0.7), "9b3e7a1c5d2f4e6a8b0c1d3e5f7a9b2c4d6e8f0a1b3c5d7e9f2a4b6c8d0e1f3a", null, mistral.WordsAdded, mistral.WordsRemoved, "https://mistral.ai/terms/#privacy-policy", mistral),
            ]),
            new("OpenAI", [
                new DigestChange(DocumentId.Parse("openai/acceptable-use-policy"), "Acceptable Use Policy", 12, now.AddDays(-1).AddHours(3), "1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d6c7b8a9f0e1d2c", null, openAi.WordsAdded, openAi.WordsRemoved, "https://openai.com/policies/usage-policies/", openAi),
                new DigestChange(DocumentId.Parse("openai/terms-of-service"), "Terms of Service", 5, now.AddDays(-6), "7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b", null, 3, 1, "https://openai.com/policies/terms-of-use/", null),
            ]),
            new("Anthropic", []),
        };
        var unchanged = new List<DigestVerifiedDocument>
        {
            new("Mistral AI", "Terms of Service", now.AddHours(-1.2)),
            new("Mistral AI", "Acceptable Use Policy", now.AddHours(-1.2)),
            new("OpenAI", "Privacy Policy", now.AddHours(-2.5)),
            new("Anthropic", "Privacy Policy", now.AddHours(-0.6)),
            new("Anthropic", "Acceptable Use Policy", now.AddHours(-0.6)),
        };
        var failing = new List<DigestFailingDocument>
        {
            new("Anthropic", "Commercial Terms", now.AddDays(-2).AddHours(-5), "HTTP 403 from https://www.anthropic.com/legal/commercial-terms after 3 attempts"),
        };
        var monday = new DateTimeOffset(2026, 8, 31, 0, 0, 0, TimeSpan.Zero);
        int[] counts = [1, 0, 2, 0, 0, 4, 1, 0, 2, 0, 1, 3];
        var weeks = counts.Select((c, i) => new WeeklyChangeCount(IsoWeek.Of(monday.AddDays(7 * i)), c)).ToList();
        return new DigestEmailModel("2026-W47", now.AddDays(-7), now, platforms, unchanged, failing, weeks);
    }

    [Fact]
    public async Task Realistic_alert_and_digest_render()
    {
        var alert = new AlertRenderer(TopicClassifier.Default, EmailTemplates.Default).Render(Alert());
        var digest = new DigestComposer(TopicClassifier.Default, EmailTemplates.Default).Render(Digest());
        Assert.Contains("International transfers", alert.Html);
        Assert.Equal("Your weekly Snapshots digest \u2014 2026-W47: 3 changes on 2 platforms", digest.Subject);

        if (Environment.GetEnvironmentVariable("SNAPSHOTS_EMAIL_SAMPLES") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            const string unsubscribe = "mailto:unsubscribe@snapshots.example";
            await File.WriteAllTextAsync(Path.Combine(folder, "alert.html"), alert.WithUnsubscribeUrl(unsubscribe, System.Net.WebUtility.HtmlEncode).Html);
            await File.WriteAllTextAsync(Path.Combine(folder, "digest.html"), digest.WithUnsubscribeUrl(unsubscribe, System.Net.WebUtility.HtmlEncode).Html);
            await File.WriteAllTextAsync(Path.Combine(folder, "alert.txt"), alert.Subject + "\n\n" + alert.Text);
            await File.WriteAllTextAsync(Path.Combine(folder, "digest.txt"), digest.Subject + "\n\n" + digest.Text);
        }
    }
}
