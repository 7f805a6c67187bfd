using System.IO.Compression;
using System.Text;
using Snapshots.Catalog;
using Snapshots.Extraction;
using Snapshots.Fetching;

namespace Snapshots.Tests.Extraction;

/// <summary>
/// Lovable's terms as captured twelve hours apart (Extraction/Pages/README.md): the declaration selects <c>.container</c>,
/// which matches the header menu's container, the page's main and the footer's container. Between the captures the footer
/// gained a link and the e-mail addresses became Cloudflare email-protection placeholders; the terms did not change.
/// </summary>
public class RealPageChromeTests
{
    private static readonly Uri Url = new("https://lovable.dev/terms");
    private static readonly SourceDeclaration Declaration = new(Url.AbsoluteUri, [new CssSelector(".container")], []);

    private static string Html(string name)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Extraction", "Pages", name)), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static readonly string Morning = Html("lovable-terms-2026-03-25T07-04-03Z.html.gz");
    private static readonly string Evening = Html("lovable-terms-2026-03-25T19-04-32Z.html.gz");

    private static FetchedPage Page(string html) => new(Url, Url, 200, MediaTypes.Html, Encoding.UTF8.GetBytes(html), null, null, false);

    private static string Extract(string html) => new DocumentExtractor().Extract(Page(html), Declaration);

    [Fact]
    public void The_captures_differ_in_their_footer_menu_and_placeholders_only_and_give_the_same_text()
    {
        Assert.Contains(">FAQs<", Evening);
        Assert.DoesNotContain(">FAQs<", Morning);
        Assert.Contains("[email&nbsp;protected]", Evening);
        Assert.DoesNotContain("[email&nbsp;protected]", Morning);

        var morning = Extract(Morning);
        Assert.Equal(morning, Extract(Evening));

        Assert.StartsWith("Version:\n\n# Terms of Service\n", morning);
        Assert.Contains("These terms constitute a legal agreement between you and **Lovable Labs Incorporated**", morning);
        Assert.Contains("Email: [feedback@lovable.dev](mailto:feedback@lovable.dev)", morning);
        Assert.Contains("please contact us at [privacy@lovable.dev](mailto:privacy@lovable.dev).", morning);
        Assert.Contains("Agree to our [Privacy Policy](https://lovable.dev/privacy)", morning); // a link in the terms' text stays
        Assert.EndsWith("Address: 1111B South Governors Avenue, Dover, DE 19904, USA\n", morning);
        foreach (var menu in new[] { "Log in", "Student discount", "Report abuse", "Discord", "### Company", "email protected" })
            Assert.DoesNotContain(menu, morning);
    }

    [Fact]
    public void An_edit_of_the_terms_on_the_same_page_is_still_a_change()
    {
        const string sentence = "you are at least eighteen (18) years old";
        Assert.Contains(sentence, Evening);

        var edited = Extract(Evening.Replace(sentence, "you are at least sixteen (16) years old", StringComparison.Ordinal));

        Assert.NotEqual(Extract(Evening), edited);
        Assert.Contains("you are at least sixteen (16) years old", edited);
    }

    [Fact]
    public void An_address_changed_behind_its_placeholder_is_a_change()
    {
        // The first placeholder: the link's target and its text, each the address XOR-ed with a key (its first byte).
        const string link = "781e1d1d1c1a191b133814170e191a141d561c1d0e", shown = "5d3b3838393f3c3e361d31322b3c3f31387339382b";
        Assert.Contains($"email-protection#{link}\"><span class=\"__cf_email__\" data-cfemail=\"{shown}\">", Evening);

        var text = Extract(Evening.Replace(link, Encode("legal@lovable.dev", key: 0x42), StringComparison.Ordinal)
            .Replace(shown, Encode("legal@lovable.dev", key: 0x17), StringComparison.Ordinal));

        Assert.Contains("[legal@lovable.dev](mailto:legal@lovable.dev)", text);
        Assert.NotEqual(Extract(Evening), text);
    }

    [Fact]
    public void Explain_names_the_navigation_left_out_and_the_placeholders_decoded()
    {
        var explanation = new DocumentExtractor().Explain(Page(Evening), Declaration);

        Assert.Contains(explanation.Chrome, b => b.Rule == StructuralChromeRules.SelectedInsideNavigation.Selector && b.Text.Contains("Log in"));
        Assert.Contains(explanation.Chrome, b => b.Rule == StructuralChromeRules.MenuOutsideTheDocument.Selector && b.Text.Contains("Student discount") && b.Text.Contains("FAQs"));
        Assert.All(explanation.Chrome, b => Assert.DoesNotContain("Lovable Labs Incorporated", b.Text));
        Assert.Contains(explanation.Placeholders, p => p.Written == "mailto:feedback@lovable.dev" && p.Placeholder.Contains("/cdn-cgi/l/email-protection#"));
        Assert.Contains(explanation.Placeholders, p => p.Written == "privacy@lovable.dev" && p.Placeholder == "[email protected]");
        Assert.Empty(new DocumentExtractor().Explain(Page(Morning), Declaration).Placeholders);
    }

    private static string Encode(string address, byte key) =>
        key.ToString("x2") + string.Concat(Encoding.UTF8.GetBytes(address).Select(b => ((byte)(b ^ key)).ToString("x2")));
}
