namespace Snapshots.Extraction;

/// <summary>
/// THE reviewed list of platform-independent noise rules: what normalization drops or refuses whatever the declaration
/// says, each with the reason it can never carry meaning. Declarations add their own <c>ignore</c> rules on top
/// (<see cref="TextFilter"/>). Tracking query parameters of links live in <see cref="TrackingParameters"/>.
/// Every rule here is covered by NoiseRulesTests (in and out); add a test with every new entry.
/// Never add a rule that can hide a changed word, number, date, list item or link target path of a document.
/// </summary>
internal static class BuiltInNoiseRules
{
    /// <summary>A rule: what it matches and why that is not part of the document.</summary>
    public sealed record Rule(string Match, string Reason);

    // ---- asset links: only links whose target is a static asset (stylesheet, script, image, font), never a document ----

    /// <summary>File extensions that make a link target a static asset. PDF, HTML and text are documents and are not here.</summary>
    public static readonly IReadOnlySet<string> AssetExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".css", ".js", ".mjs", ".map", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico", ".bmp",
        ".woff", ".woff2", ".ttf", ".otf", ".eot",
    };

    /// <summary>Path prefixes of framework build output: every link under them is an asset.</summary>
    public static readonly IReadOnlyList<Rule> AssetPathPrefixes =
    [
        new("/_next/static/", "Next.js build output; the segment after it is a per-deployment build id"),
        new("/_nuxt/", "Nuxt build output, file names carry content hashes"),
    ];

    /// <summary>Query parameters removed from asset links only: cache busters that change with every deployment.</summary>
    public static readonly IReadOnlyList<Rule> AssetCacheBusters =
    [
        new("v", "cache buster (?v=123) on a stylesheet, script or image"),
        new("ver", "WordPress asset version (?ver=6.4.2)"),
        new("version", "asset version"),
        new("_", "jQuery-style timestamp cache buster"),
        new("cb", "cache buster"),
        new("cachebust", "cache buster"),
        new("t", "timestamp cache buster"),
        new("ts", "timestamp cache buster"),
        new("rev", "asset revision"),
        new("hash", "asset content hash"),
        new("build", "asset build number"),
        new("dpl", "Vercel deployment id"),
    ];

    /// <summary>
    /// In asset links, a path segment that is a build id or a file name with a content hash is replaced by
    /// <see cref="HashPlaceholder"/> (or the hash part of the file name is dropped). A segment is hash-like when it is at
    /// least 8 characters of hex, or at least 16 characters of [A-Za-z0-9_-] mixing letters and digits.
    /// </summary>
    public static readonly Rule AssetHashSegments = new("build-id and content-hash segments of asset paths", "change with every deployment, never with the document");

    public const string HashPlaceholder = "_";

    // ---- pages that are not the document: bot challenges, error and empty pages served with 200 ----

    /// <summary>Page titles (case-insensitive, whole title or its start) of challenge and error pages.</summary>
    public static readonly IReadOnlyList<Rule> UnusablePageTitles =
    [
        new("Just a moment", "Cloudflare browser challenge"),
        new("Attention Required!", "Cloudflare block page"),
        new("Checking your browser", "DDoS-protection challenge"),
        new("DDoS-Guard", "DDoS-Guard challenge"),
        new("Access denied", "access-denied page (WAF or CDN block)"),
        new("Access to this page has been denied", "PerimeterX block page"),
        new("Request Rejected", "F5 WAF block page"),
        new("Are you a robot", "captcha page"),
        new("Human Verification", "captcha page"),
        new("Security Check", "captcha page"),
        new("Too Many Requests", "rate-limit page served with 200"),
        new("403 Forbidden", "error page served with 200"),
        new("404 Not Found", "error page served with 200"),
        new("Page not found", "error page served with 200"),
        new("500 Internal Server Error", "error page served with 200"),
        new("502 Bad Gateway", "error page served with 200"),
        new("503 Service Unavailable", "error page served with 200"),
        new("504 Gateway Time-out", "error page served with 200"),
    ];

    /// <summary>Phrases (case-insensitive) that mark a short extracted text as a challenge or error page, not a document.</summary>
    public static readonly IReadOnlyList<Rule> UnusablePagePhrases =
    [
        new("Please enable JavaScript", "script-only shell or challenge page"),
        new("enable JavaScript and cookies to continue", "Cloudflare challenge"),
        new("Checking your browser before accessing", "DDoS-protection challenge"),
        new("Verify you are human", "captcha page"),
        new("Verifying you are human", "Cloudflare Turnstile challenge"),
        new("complete the security check", "captcha page"),
        new("captcha", "captcha page"),
        new("Access denied", "access-denied page (WAF or CDN block)"),
        new("You don't have permission to access", "Akamai block page"),
        new("Request unsuccessful. Incapsula", "Imperva block page"),
        new("Sorry, you have been blocked", "Cloudflare block page"),
        new("404 Not Found", "error page served with 200"),
        new("Page not found", "error page served with 200"),
    ];

    /// <summary>A text of fewer words than this is checked against <see cref="UnusablePagePhrases"/>; a longer one is a document that may quote them.</summary>
    public const int ShortPageWords = 80;

    /// <summary>Near-empty: fewer words than this while the previous version was at least <see cref="NearEmptyShrinkFactor"/> times longer.</summary>
    public const int NearEmptyWords = 100;

    /// <summary>How many times longer (in characters) the previous version must be for a short text to count as near-empty.</summary>
    public const int NearEmptyShrinkFactor = 10;
}
