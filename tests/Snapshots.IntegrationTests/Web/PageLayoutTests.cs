using Microsoft.Playwright;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Web;

/// <summary>
/// Every page in Chromium with JavaScript off, at desktop width and at 400 px: one h1, a main landmark, a language, labelled
/// form fields, and nothing wider than the screen. Screenshots go to SNAPSHOTS_SCREENSHOTS_DIR (docs/web when refreshing
/// the README's pictures), else to a temporary folder that is deleted.
/// </summary>
public sealed class PageLayoutTests
{
    private static readonly (string Name, string Path)[] Pages =
    [
        ("platforms", "/"),
        ("platform", "/platforms/example-ai"),
        ("document", "/platforms/example-ai/privacy-policy"),
        ("version", "/platforms/example-ai/privacy-policy/versions/2"),
        ("compare", "/platforms/example-ai/privacy-policy/compare?from=1&to=2"),
        ("subscribe", "/subscribe"),
        ("clause-types", "/clause-types"),
        ("clause-type", "/clause-types/retention-period"),
    ];

    [Theory]
    [InlineData(1280)]
    [InlineData(400)]
    public async Task Every_page_is_structured_labelled_and_fits_the_width(int width)
    {
        var (host, privacy, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };
        var retention = await ProvisionPagesTests.SlugAsync(http, privacy, 2, null, "90 days");
        await using var chromium = await HeadlessChromium.StartAsync(width, 900);
        var folder = Environment.GetEnvironmentVariable("SNAPSHOTS_SCREENSHOTS_DIR");
        var temporary = folder is null ? Directory.CreateTempSubdirectory("snapshots-screens-").FullName : null;
        try
        {
            foreach (var (name, path) in Pages.Append(("provision", ProvisionPagesTests.ProvisionPath(privacy, retention))))
            {
                var page = await chromium.OpenAsync(host.Url(path));
                Assert.Equal(1, await page.Locator("h1").CountAsync());
                Assert.Equal(1, await page.GetByRole(AriaRole.Main).CountAsync());
                Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
                Assert.True(await page.GetByRole(AriaRole.Navigation).CountAsync() >= 1, name);
                foreach (var field in await page.Locator("input:not([type=hidden]), select").AllAsync())
                {
                    var id = await field.GetAttributeAsync("id");
                    var labelled = id is not null && await page.Locator($"label[for='{id}']").CountAsync() == 1
                                   || await field.EvaluateAsync<bool>("e => e.closest('label') !== null");
                    Assert.True(labelled, $"{name}: a form field has no label");
                }
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{name} at {width} px is {overflow} px wider than the window");
                if (name is "platform" or "version" or "compare" or "provision")
                    await page.ScreenshotAsync(new PageScreenshotOptions
                    {
                        Path = Path.Combine(folder ?? temporary!, $"{name}-{(width <= 400 ? "400" : "desktop")}.png"),
                        FullPage = true,
                    });
            }
            // Its own four pictures (docs/web also holds ReadingPagesBrowserTests' ones).
            Assert.Equal(4, Directory.GetFiles(folder ?? temporary!, $"*-{(width <= 400 ? "400" : "desktop")}.png")
                .Count(f => Path.GetFileName(f).Split('-')[0] is "platform" or "version" or "compare" or "provision"));
        }
        finally
        {
            if (temporary is not null) Directory.Delete(temporary, recursive: true);
        }
    }
}
