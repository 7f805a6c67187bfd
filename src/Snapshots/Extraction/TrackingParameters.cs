namespace Snapshots.Extraction;

/// <summary>
/// THE reviewed list of query parameters that are stripped from links in extracted text because they identify a
/// campaign, a click, a visitor or a session, not the linked document. Extend it here and only here; add a test
/// in LinkNormalizerTests for every new entry.
/// Matching is by parameter name only (case-insensitive, after percent-decoding the name). Values are looked at
/// separately and only masked, never removed: <see cref="Snapshots.Extraction.QueryTokens"/> replaces a value that is a
/// per-request identifier (UUID, long hex or base64 token) by a placeholder, keeping the parameter, the path and the
/// other values, so a link to another document still reads as a change.
/// </summary>
internal static class TrackingParameters
{
    /// <summary>Parameter names removed whatever their value.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        // click identifiers of ad and social platforms
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid", "li_fat_id", "ttclid",
        // Mailchimp
        "mc_cid", "mc_eid",
        // Google Analytics cross-domain linker
        "_ga", "_gl",
        // Twitter/X share source
        "ref_src",
        // HubSpot email and CTA tracking tokens
        "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsCtaTracking",
        // session identifiers
        "sid", "sessionid", "session_id", "jsessionid", "phpsessid", "aspsessionid", "cfid", "cftoken",
    };

    /// <summary>Parameter name prefixes removed whatever their value (utm_source, utm_medium, ...).</summary>
    public static readonly IReadOnlyList<string> Prefixes = ["utm_"];

    /// <summary>Path parameters (<c>;name=value</c> in a path segment) removed: servlet session ids.</summary>
    public static readonly IReadOnlySet<string> PathParameterNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "jsessionid",
    };

    public static bool IsTracking(string name) =>
        Names.Contains(name) || Prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
