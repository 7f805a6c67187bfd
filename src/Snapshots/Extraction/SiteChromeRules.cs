namespace Snapshots.Extraction;

/// <summary>
/// THE reviewed list of site chrome that is left out of a document's compared text even when the declaration's
/// <c>select</c> includes it: blocks that belong to the site, not to the document, and change on their own (consent
/// banners counting "our 1731 partners", promotion and announcement bars, chat-assistant boxes). Each rule is a CSS
/// selector matched inside the selected content (never the selected element itself) with the reason it can never be
/// part of a legal text. The raw snapshot keeps them; <c>diff --explain</c> shows what was dropped and by which rule.
/// Declarations add their own with <c>remove</c> (and text patterns with <c>ignore</c>).
/// Every rule is covered by SiteChromeTests; add a test with every new entry. Never add a selector that a site could
/// use for the document's own text (no bare "banner", "notice" or "alert").
/// </summary>
internal static class SiteChromeRules
{
    public sealed record Rule(string Selector, string Reason);

    public static readonly IReadOnlyList<Rule> All =
    [
        // consent-management platforms (IAB TCF and others): the banner text counts vendors and changes with their list
        new("#onetrust-consent-sdk, #onetrust-banner-sdk, #onetrust-pc-sdk", "OneTrust cookie consent banner"),
        new("#CybotCookiebotDialog", "Cookiebot cookie consent dialog"),
        new("#didomi-host, .didomi-popup-container, #didomi-notice", "Didomi consent notice"),
        new("#qc-cmp2-container, .qc-cmp2-container", "Quantcast Choice consent banner (\"we and our partners\")"),
        new("[id^=\"sp_message_container\"]", "Sourcepoint consent message"),
        new(".fc-consent-root", "Google Funding Choices consent dialog"),
        new("#truste-consent-track, #consent_blackbar, #truste-consent-content", "TrustArc consent banner"),
        new("#usercentrics-root, #usercentrics-cmp-ui", "Usercentrics consent banner"),
        new("#iubenda-cs-banner", "iubenda cookie banner"),
        new(".osano-cm-window, .cc-window, #cc-main", "Osano / cookieconsent banner"),
        new(".cky-consent-container, #cookie-law-info-bar", "CookieYes / Cookie Law Info banner"),
        new("#cmplz-cookiebanner-container, .cmplz-cookiebanner", "Complianz cookie banner"),
        new("#termly-code-snippet-support", "Termly consent banner"),
        new("#axeptio_overlay, #tarteaucitronRoot, #klaro, #BorlabsCookieBox, #hs-eu-cookie-confirmation", "cookie consent widget (Axeptio, tarteaucitron, Klaro, Borlabs, HubSpot)"),
        new("[class~=\"cookie-banner\"], [id=\"cookie-banner\"], [class~=\"cookie-consent\"], [id=\"cookie-consent\"]", "cookie banner"),
        // announcement and promotion bars of site and documentation platforms
        new(".theme-announcement-bar, [class*=\"announcementBar_\"]", "Docusaurus announcement bar"),
        new("[class~=\"announcement-bar\"], [id=\"announcement-bar\"], [class~=\"announcement-banner\"], [class~=\"promo-banner\"], [class~=\"promotion-banner\"], [class~=\"site-banner\"]", "announcement or promotion bar"),
        // documentation-platform furniture: a notice for AI agents, "powered by" badges
        new("[data-agent-docs-index]", "Mintlify notice for AI agents (\"Documentation Index ... llms.txt\"), added by the platform"),
        new("a[href*=\"utm_campaign=poweredBy\" i], a[href*=\"utm_content=poweredBy\" i]", "hosting platform's \"Powered by\" badge"),
        // chat assistants and support widgets rendered into the page
        new("[class~=\"chat-assistant-floating-input\"], #chat-assistant-sheet", "Mintlify chat-assistant bar (its keyboard hint reads ⌘I or Ctrl+I by platform)"),
        new("#intercom-container, .intercom-lightweight-app, #hubspot-messages-iframe-container, #drift-widget-container, #crisp-chatbox", "support chat widget"),
        // elements the site itself marks as not part of the printed page
        new("[class~=\"print:hidden\"], [class~=\"d-print-none\"], [class~=\"no-print\"], [class~=\"noprint\"]", "marked by the site as not printed (print:hidden, d-print-none, no-print)"),
    ];
}
