namespace Snapshots.Extraction;

/// <summary>
/// THE reviewed list of site chrome recognized by what it is rather than by its name: the site's navigation, consent
/// interfaces and announcement bars inside a broad selection, whatever the site or vendor. Where <see cref="SiteChromeRules"/>
/// names ids and classes, these read the structure and the text of the selected content (<see cref="ContentMeasure"/>):
/// landmarks, links, controls, headings, prose. Each names its rule and reason in <c>diff --explain</c>; none ever removes
/// an element a <c>select</c> selector matched, an element holding one, or an h1; none leaves the selection empty.
/// Covered by StructuralChromeTests; add a test with every change.
/// </summary>
internal static class StructuralChromeRules
{
    // ---- the site's navigation (SiteNavigation) ----

    public static readonly SiteChromeRules.Rule NavigationLandmark = new(
        "navigation landmark (nav, role=navigation, menu or menubar)",
        "the site's navigation, not the document (a table of contents of links within the page stays)");

    public static readonly SiteChromeRules.Rule PageHeaderOrFooter = new(
        "page header or footer (header/footer of the page, role=banner or contentinfo)",
        "the site's header or footer around the document: menus, logo, copyright (one holding an h1 or a date stays)");

    public static readonly SiteChromeRules.Rule LinkedHeaderOrFooter = new(
        "header, footer or aside made of links inside the selection",
        "a block of the site's links around the document (related pages, share links, tags)");

    public static readonly SiteChromeRules.Rule SelectedInsideNavigation = new(
        "selected element inside the site's navigation",
        "a broad selector (matching several elements) also took a piece of the site's header, footer or menu");

    public static readonly SiteChromeRules.Rule MenuOutsideTheDocument = new(
        "menu of links outside the document's text",
        "lists and rows of links to other pages (with their column headings), outside the element holding the document's prose");

    public static readonly SiteChromeRules.Rule MenusAfterTheDocument = new(
        "columns of menus after the document's last paragraph",
        "two or more lists of links to other pages (with their column headings) closing the page: a footer without landmarks");

    public static readonly SiteChromeRules.Rule ShareLinks = new(
        "share or ask-an-AI links (links to other sites carrying this page)",
        "buttons that share the page or ask an AI assistant about it (\"Explore us in AI tools\"), their prompts changing on their own");

    // ---- consent management (ConsentInterface) ----

    public static readonly SiteChromeRules.Rule ConsentInterface = new(
        "consent-management interface (cookie or consent wording with accept, reject, save or toggle controls)",
        "a cookie banner or consent preference centre, present in some captures and not others, its vendor counts changing on their own");

    // ---- announcement and promotion bars, font measuring (AnnouncementBars, RepeatedGlyphs) ----

    public static readonly SiteChromeRules.Rule AnnouncementBar = new(
        "short block of links before the document's first heading",
        "an announcement or promotion bar (\"X is now live!\", \"Try Y\"): a link of a few words above the document, changing on its own");

    public static readonly SiteChromeRules.Rule SkipLink = new(
        "lone link within the page before the document's first heading",
        "a \"Skip to main content\" link for keyboard users, served with some renderings of the page and not others");

    public static readonly SiteChromeRules.Rule RepeatedGlyphs = new(
        "block of one glyph repeated (font measuring)",
        "text a script measures fonts with (\"mmmmmmmmmmlli\"), never words of the document");

    public static readonly IReadOnlyList<SiteChromeRules.Rule> All =
    [
        NavigationLandmark, PageHeaderOrFooter, LinkedHeaderOrFooter, SelectedInsideNavigation, MenuOutsideTheDocument, MenusAfterTheDocument, ShareLinks,
        ConsentInterface, AnnouncementBar, SkipLink, RepeatedGlyphs,
    ];
}
