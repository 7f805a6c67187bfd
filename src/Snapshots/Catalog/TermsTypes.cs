namespace Snapshots.Catalog;

/// <summary>
/// The terms types a declaration may name: Open Terms Archive's terms-types list
/// (OpenTermsArchive/terms-types, termsTypes.json), canonical names and their aliases.
/// A declaration must use a canonical name; an alias is refused with the canonical name suggested,
/// so that one document never gets two ids.
/// </summary>
internal static class TermsTypes
{
    private static readonly Dictionary<string, string[]> CanonicalWithAliases = new(StringComparer.Ordinal)
    {
        ["Terms of Service"] = ["Terms and Conditions", "Terms of Use"],
        ["Privacy Policy"] = [],
        ["Imprint"] = ["Legal Notice"],
        ["Trackers Policy"] = ["Cookies Policy"],
        ["Developer Terms"] = ["Developer Policy", "Developer Agreement"],
        ["Community Guidelines"] = ["Community Standards"],
        ["Deceased Users"] = [],
        ["Acceptable Use Policy"] = ["Fair Use Policy", "Acceptable Usage Policy", "Usage Policy", "Usage Policies"],
        ["Restricted Use Policy"] = ["Limited Use Policy", "Restriction Policy"],
        ["Commercial Terms"] = [],
        ["Copyright Claims Policy"] = ["Copyright Infringement Policy", "Intellectual Property Policy"],
        ["Law Enforcement Guidelines"] = ["Legal Process Guidelines"],
        ["Human Rights Policy"] = [],
        ["In-App Purchases Policy"] = [],
        ["Review Guidelines"] = [],
        ["Brand Guidelines"] = ["Branding Policies", "Trademark Usage Guidelines"],
        ["Quality Guidelines"] = ["Quality standards"],
        ["Data Controller Agreement"] = [],
        ["Data Processor Agreement"] = ["Data Processing Agreement", "Data Processing Addendum"],
        ["User Consent Policy"] = [],
        ["Closed Captioning Policy"] = ["Closed Captioning Guidelines", "Captioning Policy", "Closed Captioning Standards"],
        ["Seller Warranty"] = [],
        ["Single Sign-On Policy"] = [],
        ["Vulnerability Disclosure Policy"] = ["Security Disclosure Policy"],
        ["Live Policy"] = [],
        ["Complaints Policy"] = [],
        ["Conditions of Carriage"] = ["Transport Conditions"],
        ["General Conditions of Sale"] = [],
        ["Marketplace Buyers Conditions"] = [],
        ["Marketplace Sellers Conditions"] = ["Seller Agreement"],
        ["Ranking Parameters Description"] = [],
        ["Premium Partner Conditions"] = ["Premium Partner Program"],
        ["Platform to Business Notice"] = [],
        ["Business Mediation Policy"] = [],
        ["Business Privacy Policy"] = [],
        ["Editorial Policy"] = ["Editorial Guidelines"],
        ["Anti-corruption Policy"] = ["Anti-bribery Policy"],
        ["Accessibility Statement"] = ["Accessibility Policy"],
        ["Hyperlinks Policy"] = ["Links Policy", "Linking Policy", "External Links Policy", "Outgoing Links Policy"],
        ["Whistleblower Policy"] = ["Whistleblower Protections"],
        ["Affiliate Agreement"] = ["Affiliate Policy"],
        ["Service Level Agreement"] = ["Service Level Addendum"],
        ["Content Monetisation Policy"] = ["Content Monetization Policy"],
        ["Advertising Content Policy"] = ["Ads policies", "Ads content policies"],
    };

    private static readonly Dictionary<string, string> CanonicalByAlias = CanonicalWithAliases
        .SelectMany(entry => entry.Value.Select(alias => (alias, canonical: entry.Key)))
        .ToDictionary(pair => pair.alias, pair => pair.canonical, StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<string> Canonical => CanonicalWithAliases.Keys;

    public static bool IsKnown(string name) => CanonicalWithAliases.ContainsKey(name);

    /// <summary>The canonical name an alias (or a differently cased name) stands for, if any.</summary>
    public static string? Suggest(string name)
    {
        if (CanonicalByAlias.TryGetValue(name, out var canonical)) return canonical;
        return CanonicalWithAliases.Keys.FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase));
    }
}
