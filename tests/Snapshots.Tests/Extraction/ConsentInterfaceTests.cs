using System.Text;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;

namespace Snapshots.Tests.Extraction;

/// <summary>
/// Consent-management interfaces inside a broad selection are left out by what they are (cookie or consent wording, consent
/// controls, dialogs or dense panels), whatever their vendor's markup: none of the class names below is in SiteChromeRules.
/// A cookie policy's own text, with its categories and a "Cookie settings" button, stays.
/// </summary>
public class ConsentInterfaceTests
{
    private static readonly Uri Url = new("https://www.example.ai/privacy");

    private static string Extract(string body, string select = "body") =>
        new DocumentExtractor().Extract(
            new FetchedPage(Url, Url, 200, MediaTypes.Html, Encoding.UTF8.GetBytes($"<!doctype html><html><head><title>Privacy</title></head><body>{body}</body></html>"), null, null, false),
            new SourceDeclaration(Url.AbsoluteUri, [new CssSelector(select)], []));

    private const string Policy =
        "<main><h1>Privacy Policy</h1><p>Last updated: April 2, 2026</p>"
        + "<h2>What we collect</h2><p>We collect the prompts you send and the files you upload so that we can provide the service to you.</p>"
        + "<h2>How long we keep it</h2><p>We keep your prompts for thirty days unless you delete your account earlier.</p></main>";

    private static readonly string Text = Extract(Policy);

    /// <summary>A preference centre in the shape CookieYes renders with IAB TCF: categories, purposes, a vendor count.</summary>
    private static string PreferenceCentre(int vendors) =>
        "<div class=\"cky-modal cky-modal-open\"><div class=\"cky-preference-center\" role=\"dialog\" aria-modal=\"true\" aria-label=\"Customise Consent Preferences\">"
        + "<div class=\"cky-preference-header\"><span class=\"cky-preference-title\">Customise Consent Preferences</span><button class=\"cky-btn-close\" aria-label=\"Close\">×</button></div>"
        + "<div class=\"cky-preference-body-wrapper\"><p>We use cookies to help you navigate efficiently and perform certain functions. You will find detailed information about all cookies under each consent category below.</p>"
        + "<div class=\"cky-accordion\"><button class=\"cky-accordion-btn\">Necessary</button><span>Always Active</span>"
        + "<p>Necessary cookies are required to enable the basic features of this site, such as providing secure log-in or adjusting your consent preferences.</p></div>"
        + "<div class=\"cky-accordion\"><button class=\"cky-accordion-btn\">Analytics</button><div class=\"cky-switch\"><input type=\"checkbox\" aria-label=\"Enable Analytics\"></div>"
        + "<p>Analytical cookies are used to understand how visitors interact with the website.</p></div>"
        + "<div class=\"cky-iab\"><h4>Purposes</h4><p>Store and/or access information on a device</p><p>Use limited data to select advertising</p>"
        + $"<p>Number of Vendors seeking consent: {vendors}</p><p>Number of Vendors seeking legitimate interest: {vendors / 3}</p></div></div>"
        + "<div class=\"cky-footer-wrapper\"><button>Reject All</button><button>Save My Preferences</button><button>Accept All</button></div></div></div>";

    /// <summary>A banner of plain divs and generated class names, as many consent tools render one.</summary>
    private static string Banner(string wording) =>
        $"<div class=\"k7x-wrap\"><div class=\"k7x-text\"><p>{wording}</p><a href=\"/cookies\">Cookie Policy</a></div>"
        + "<div class=\"k7x-actions\"><button>Manage preferences</button><button>Deny non-essential</button><button>Accept all</button></div></div>";

    [Fact]
    public void A_consent_preference_centre_inside_the_selection_is_left_out_and_its_vendor_counts_change_nothing()
    {
        Assert.Equal(Text, Extract(PreferenceCentre(818) + Policy));
        Assert.Equal(Text, Extract(Policy + PreferenceCentre(819)));
    }

    [Fact]
    public void A_consent_banner_of_plain_divs_is_left_out()
    {
        Assert.Equal(Text, Extract(Banner("We use cookies to enhance your experience and keep your data secure.") + Policy));
        Assert.Equal(Text, Extract(Policy + Banner("Nous utilisons des cookies pour améliorer votre expérience.")));
    }

    [Fact]
    public void A_consent_banner_that_speaks_of_cookies_only_in_japanese_or_korean_is_left_out()
    {
        // No ASCII consent word anywhere: the banner is known by クッキー or 쿠키 alone (and its buttons).
        static string Cjk(string wording) =>
            $"<div class=\"k7x-wrap\"><div class=\"k7x-text\"><p>{wording}</p></div>"
            + "<div class=\"k7x-actions\"><button>Manage preferences</button><button>Deny non-essential</button><button>Accept all</button></div></div>";
        Assert.Equal(Text, Extract(Cjk("当サイトではクッキーを使用して、サービスの提供と改善を行っています。") + Policy));
        Assert.Equal(Text, Extract(Policy + Cjk("이 웹사이트는 더 나은 경험을 위해 쿠키를 사용합니다.")));
    }

    [Fact]
    public void A_consent_panel_without_dialog_markup_is_left_out_by_its_controls_even_with_the_iab_purposes()
    {
        static string Purpose(string name, string text) =>
            $"<div class=\"p\"><button aria-expanded=\"false\">{name}</button><label><input type=\"checkbox\"> Consent</label><label><input type=\"checkbox\"> Legitimate interest</label><p>{text}</p></div>";
        string Panel(int vendors) => "<div class=\"pc-9\"><p>We and our vendors process your data for the purposes below. You can change your choices at any time.</p>"
            + Purpose("Use limited data to select advertising", "Advertising presented to you on this service can be based on limited data, such as the website or app you are using, your non-precise location, your device type or which content you are interacting with.")
            + Purpose("Create profiles for personalised advertising", "Information about your activity on this service can be stored and combined with other information about you to build or improve a profile about you.")
            + Purpose("Measure advertising performance", "Information regarding which advertising is presented to you and how you interact with it can be used to determine how well an advert has worked.")
            + $"<p>Number of Vendors seeking consent: {vendors}</p><button>Reject all</button><button>Confirm my choices</button></div>";

        Assert.Equal(Text, Extract(Panel(818) + Policy));
        Assert.Equal(Text, Extract(Panel(1024) + Policy));
    }

    [Fact]
    public void A_consent_dialog_hidden_by_default_is_left_out()
    {
        const string hidden = "<div style=\"display: none\" class=\"q-consent\"><p>We and our vendors use cookies and similar technologies with your consent.</p>"
            + "<label><input type=\"checkbox\" checked> Advertising</label><label><input type=\"checkbox\"> Analytics</label><button>Save</button></div>";

        Assert.Equal(Text, Extract(Policy.Replace("</main>", hidden + "</main>"), "main"));
    }

    [Fact]
    public void Explain_names_the_consent_interface_it_left_out()
    {
        var page = new FetchedPage(Url, Url, 200, MediaTypes.Html, Encoding.UTF8.GetBytes($"<html><body>{PreferenceCentre(818)}{Policy}</body></html>"), null, null, false);

        var block = Assert.Single(new DocumentExtractor().Explain(page, new SourceDeclaration(Url.AbsoluteUri, [new CssSelector("body")], [])).Chrome);

        Assert.Equal(StructuralChromeRules.ConsentInterface.Selector, block.Rule);
        Assert.StartsWith("Customise Consent Preferences", block.Text);
    }

    [Fact]
    public void A_cookie_policy_with_its_categories_and_a_settings_button_keeps_its_text()
    {
        const string cookiePolicy = "<main><h1>Cookie Policy</h1>"
            + "<h2>Strictly necessary cookies</h2><p>These cookies are needed for the site to work and cannot be switched off; they are set when you log in or set your consent preferences.</p>"
            + "<h2>Analytics cookies</h2><p>These cookies let us count visits so that we can measure and improve the performance of our site.</p>"
            + "<p>You can change your choices at any time: <button class=\"ot-sdk-show-settings\">Cookie settings</button></p>"
            + "<table><tr><th>Cookie</th><th>Duration</th></tr><tr><td>_ga</td><td>2 years</td></tr></table></main>";

        var text = Extract(cookiePolicy);

        Assert.Contains("These cookies are needed for the site to work", text);
        Assert.Contains("## Analytics cookies", text);
        Assert.Contains("| _ga | 2 years |", text);
    }

    [Fact]
    public void A_section_of_a_policy_about_consent_with_one_control_stays()
    {
        const string section = "<section><h2>Your choices</h2><p>You may withdraw your consent to marketing cookies at any time from the settings of your account or by writing to us.</p>"
            + "<p><button>Manage cookies</button></p></section>";

        Assert.Contains("You may withdraw your consent to marketing cookies", Extract(Policy.Replace("</main>", section + "</main>"), "main"));
    }
}
