using Snapshots.Catalog;
using Snapshots.Fetching;

namespace Snapshots.Tests.Fetching;

/// <summary>What a render does not load, and the declaration field that lets a page load everything.</summary>
public class RenderBlockingTests
{
    private static SourceDeclaration Source(bool loadAll = false)
    {
        var extra = loadAll ? ", \"loadAllResources\": true" : "";
        var json = "{\"name\": \"Acme\", \"documents\": {\"Privacy Policy\": {\"fetch\": \"https://acme.example/p\", \"executeClientScripts\": true" + extra + "}}}";
        return DeclarationParser.Parse(json, "acme.json").Documents[0].Sources[0];
    }

    [Theory]
    [InlineData("script", "https://www.googletagmanager.com/gtm.js?id=X", true)]
    [InlineData("xhr", "https://region1.google-analytics.com/g/collect", true)]
    [InlineData("script", "https://connect.facebook.net/en_US/fbevents.js", true)]
    [InlineData("image", "https://www.facebook.com/tr?id=1", true)]
    [InlineData("ping", "https://acme.example/beacon", true)]
    [InlineData("font", "https://acme.example/font.woff2", true)]
    [InlineData("script", "https://www.facebook.com/sdk.js", false)]
    [InlineData("script", "https://acme.example/app.js", false)]
    [InlineData("script", "https://notgoogle-analytics.com/app.js", false)]
    [InlineData("fetch", "https://acme.example/api/terms.json", false)]
    public void Trackers_beacons_and_media_are_blocked_and_the_pages_own_scripts_and_data_are_not(string type, string url, bool blocked) =>
        Assert.Equal(blocked, RenderBlocking.Blocks(Source(), new BrowserOptions(), type, url));

    [Fact]
    public void A_declaration_with_loadAllResources_loads_everything_and_the_settings_turn_each_block_off()
    {
        var source = Source(loadAll: true);
        Assert.True(source.LoadAllResources);
        Assert.False(RenderBlocking.Blocks(source, new BrowserOptions(), "image", "https://acme.example/a.png"));
        Assert.False(RenderBlocking.Blocks(source, new BrowserOptions(), "script", "https://www.googletagmanager.com/gtm.js"));
        Assert.False(RenderBlocking.Blocks(Source(), new BrowserOptions { BlockTrackers = false }, "script", "https://www.googletagmanager.com/gtm.js"));
        Assert.False(RenderBlocking.Blocks(Source(), new BrowserOptions { BlockImagesMediaAndFonts = false }, "image", "https://acme.example/a.png"));
    }

    [Fact]
    public void LoadAllResources_must_be_a_boolean_and_is_named_when_it_is_not()
    {
        var json = "{\"name\": \"Acme\", \"documents\": {\"Privacy Policy\": {\"fetch\": \"https://acme.example/p\", \"loadAllResources\": \"yes\"}}}";
        var error = Assert.Throws<DeclarationException>(() => DeclarationParser.Parse(json, "acme.json"));
        Assert.Contains("loadAllResources", error.Message);
        Assert.Contains("acme.json", error.Message);
    }
}
