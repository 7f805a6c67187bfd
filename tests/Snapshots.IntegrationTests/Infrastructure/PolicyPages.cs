namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>Small, realistic policy pages for tests: navigation, a cookie banner and a footer around the legal text.</summary>
public static class PolicyPages
{
    public static string Privacy(string body, string nav = "Home | Pricing | Blog", string footer = "© 2026 Example") => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><title>Privacy Policy</title><script>window.analytics = {};</script></head>
        <body>
          <nav class="site-nav">{{nav}}</nav>
          <div class="cookie-banner">We use cookies. <button>Accept</button></div>
          <main class="legal">
            <h1>Privacy Policy</h1>
            {{body}}
          </main>
          <footer>{{footer}}</footer>
        </body></html>
        """;

    public const string Retention = "<h2>Data retention</h2><p>We keep your prompts for 30 days.</p>";
    public const string Training = "<h2>Model training</h2><p>We do not use your content to train our models.</p>";

    public static string Declaration(string platform, params (string TermsType, Uri Url)[] documents) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            name = platform,
            terms = documents.ToDictionary(d => d.TermsType, d => (object)new
            {
                fetch = d.Url.AbsoluteUri,
                select = new[] { "main.legal" },
                remove = new[] { ".cookie-banner", "button" },
            }),
        });
}
