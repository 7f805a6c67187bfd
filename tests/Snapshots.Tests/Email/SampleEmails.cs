using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Email;

namespace Snapshots.Tests.Email;

/// <summary>Alert and digest content for rendering tests, including scraped text that tries to inject markup.</summary>
internal static class SampleEmails
{
    public const string Script = "<script>alert(1)</script>";
    public const string Image = "<img src=x onerror=alert(1)>";

    public const string Before = """
        # Privacy Policy

        Mistral AI explains how it handles your information.

        ## Data retention

        We keep your prompts for 30 days.

        ## Model training

        We do not use your content to train our models.
        """;

    public static readonly string After = $"""
        # Privacy Policy

        Mistral AI explains how it handles your information.

        ## Data retention

        We keep your prompts for 90 days. {Image}

        ## Model training

        We may use your content to train and improve our models unless you opt out.

        ## Cookies {Script}

        We use cookies {Script} to remember your settings.
        """;

    public static AlertContent Alert(string? before = Before, string? after = null, string source = "https://mistral.ai/terms/#privacy-policy") =>
        new("Mistral AI", "Privacy Policy", "mistral-ai/privacy-policy", source,
            new DateTimeOffset(2026, 11, 18, 7, 42, 0, TimeSpan.Zero), 7,
            new string('a', 64), new string('b', 64),
            "Mistral AI, Privacy Policy, version 7, captured 2026-11-18T07:42:00.000Z from https://mistral.ai/terms/; SHA-256 bbbb; archived as snapshots/mistral-ai/privacy-policy/bbbb.md; chain 0123456789abcdef.",
            new ChangeSummarizer().Compare(before, after ?? After));

    public static AlertRenderer AlertRenderer() => new(TopicClassifier.Default, EmailTemplates.Default);

    public static DigestComposer DigestComposer() => new(TopicClassifier.Default, EmailTemplates.Default);

    public static IReadOnlyList<WeeklyChangeCount> Weeks(params int[] counts)
    {
        var monday = new DateTimeOffset(2026, 8, 31, 0, 0, 0, TimeSpan.Zero);
        return counts.Select((count, i) => new WeeklyChangeCount(IsoWeek.Of(monday.AddDays(7 * i)), count)).ToList();
    }

    public static DigestEmailModel Digest(bool quiet = false, string platformName = "Mistral AI", string? error = null)
    {
        var now = new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
        var summary = new ChangeSummarizer().Summarize(Before, After);
        var platforms = quiet
            ? new List<DigestPlatformChanges> { new(platformName, []), new("OpenAI", []) }
            : new List<DigestPlatformChanges>
            {
                new(platformName, [
                    new DigestChange(DocumentId.Parse("mistral-ai/privacy-policy"), "Privacy Policy", 7, now.AddDays(-2), new string('b', 64), null, 24, 9, "https://mistral.ai/terms/", summary),
                    new DigestChange(DocumentId.Parse("mistral-ai/terms-of-service"), "Terms of Service", 3, now.AddDays(-5), new string('c', 64), null, 4, 1, "javascript:alert(1)", null),
                ]),
                new("OpenAI", [new DigestChange(DocumentId.Parse("openai/usage-policies"), "Acceptable Use Policy", 12, now.AddDays(-1), new string('d', 64), null, 40, 2, "https://openai.com/policies/usage-policies", null)]),
            };
        var unchanged = new List<DigestVerifiedDocument>
        {
            new("OpenAI", "Privacy Policy", now.AddHours(-3)),
            new("OpenAI", "Terms of Service", now.AddHours(-3)),
        };
        if (quiet) unchanged.AddRange([new("Mistral AI", "Privacy Policy", now.AddHours(-2)), new("Mistral AI", "Terms of Service", now.AddHours(-2)), new("OpenAI", "Acceptable Use Policy", now.AddHours(-3))]);
        var failing = new List<DigestFailingDocument> { new("OpenAI", "Commercial Terms", now.AddDays(-3), error ?? "HTTP 503 from https://openai.com/policies/business-terms") };
        return new DigestEmailModel("2026-W47", now.AddDays(-7), now, platforms, unchanged, failing, Weeks(0, 1, 0, 2, 0, 0, 4, 1, 0, 0, 2, quiet ? 0 : 3));
    }
}
