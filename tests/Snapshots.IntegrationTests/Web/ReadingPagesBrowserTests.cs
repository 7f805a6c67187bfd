using System.Net;
using Microsoft.Playwright;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Web;

/// <summary>
/// The pages people read, in Chromium with JavaScript off at desktop width (1280 px) and at 400 px: the version page with a table
/// change (rendered text, the table diffed row by row), its side-by-side view, a search and a 404 fit the width (the body never
/// scrolls sideways) and show their rows. Screenshots go to SNAPSHOTS_SCREENSHOTS_DIR (docs/web when refreshing the README's
/// pictures), else to a temporary folder that is deleted.
/// </summary>
public sealed class ReadingPagesBrowserTests
{
    [Theory]
    [InlineData(1280)]
    [InlineData(400)]
    public async Task The_version_page_with_a_table_change_its_side_by_side_view_search_and_a_404_fit_the_width_and_show_their_rows(int width)
    {
        var (host, id) = await TableFixture.StartAsync();
        await using var _h = host;
        await using var chromium = await HeadlessChromium.StartAsync(width, 900);
        var folder = Environment.GetEnvironmentVariable("SNAPSHOTS_SCREENSHOTS_DIR");
        var temporary = folder is null ? Directory.CreateTempSubdirectory("snapshots-screens-").FullName : null;
        var suffix = width <= 400 ? "400" : "desktop";
        try
        {
            // Inline: the changed table's rows are rows, each visible, within the window; the text is rendered with its table.
            var page = await chromium.OpenAsync(host.Url(PublicSite.VersionPath(id, 2)));
            await AssertFitsAsync(page, "version");
            var rows = page.Locator("table.table-diff tr");
            Assert.Equal(5, await rows.CountAsync());
            foreach (var row in await rows.AllAsync()) Assert.True(await row.IsVisibleAsync(), "a row of the table diff is hidden");
            var changed = page.Locator("table.table-diff tr.row-mod");
            Assert.Contains("Mailer Inc", await changed.InnerTextAsync());
            Assert.Contains("US", await changed.Locator("del").InnerTextAsync());
            Assert.Contains("EU", await changed.Locator("ins").InnerTextAsync());
            Assert.True(await page.Locator("#rendered-text table tr").Nth(4).IsVisibleAsync(), "the rendered text's table shows its last row");
            Assert.Equal("severity-high", (await page.Locator("#severity .badge").GetAttributeAsync("class"))!.Split(' ')[1]);
            await ShootAsync(page, page.Locator("#change"), folder ?? temporary!, $"table-diff-{suffix}.png");
            await ShootAsync(page, page.Locator("#text"), folder ?? temporary!, $"rendered-text-{suffix}.png");

            // Side by side: before and after beside each other on a desktop, one above the other at 400 px.
            await page.GetByRole(AriaRole.Link, new() { Name = "Side by side", Exact = true }).ClickAsync();
            Assert.EndsWith("?view=side#change", page.Url);
            await AssertFitsAsync(page, "side by side");
            var beforeTable = page.Locator(".side-by-side > .before:has(table)");
            var afterTable = page.Locator(".side-by-side > .after:has(table)");
            var before = (await beforeTable.BoundingBoxAsync())!;
            var after = (await afterTable.BoundingBoxAsync())!;
            if (width > 400) Assert.True(after.X >= before.X + before.Width - 1 && Math.Abs(after.Y - before.Y) < 1, $"before {before.X},{before.Y} after {after.X},{after.Y}");
            else Assert.True(after.Y >= before.Y + before.Height - 1, $"at 400 px after ({after.Y}) is below before ({before.Y} + {before.Height})");
            Assert.Contains("Vector DB", await afterTable.InnerTextAsync());
            Assert.DoesNotContain("Vector DB", await beforeTable.InnerTextAsync());
            Assert.True(await afterTable.Locator("tr").Nth(4).IsVisibleAsync(), "the new table's last row is visible");
            await ShootAsync(page, page.Locator("#change"), folder ?? temporary!, $"side-by-side-{suffix}.png");

            // Search from the layout's link.
            await page.GetByRole(AriaRole.Link, new() { Name = "Search", Exact = true }).First.ClickAsync();
            await page.GetByLabel("Search platforms, documents, clause types and provisions").FillAsync("subprocessors");
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await AssertFitsAsync(page, "search");
            Assert.True(await page.Locator("#results li").CountAsync() >= 1);
            Assert.True(await page.Locator("#results li").First.IsVisibleAsync());
            await ShootAsync(page, null, folder ?? temporary!, $"search-{suffix}.png");

            // A 404 that says what is missing and suggests the close id.
            var missing = await page.GotoAsync(host.Url("/platforms/example-ai/data-processor-agrement").AbsoluteUri);
            Assert.Equal((int)HttpStatusCode.NotFound, missing!.Status);
            await AssertFitsAsync(page, "404");
            Assert.Contains("has no document 'data-processor-agrement'", await page.Locator("#not-found").InnerTextAsync());
            await page.Locator("#did-you-mean a").ClickAsync();
            Assert.Equal("Example AI: Data Processor Agreement", await page.Locator("h1").InnerTextAsync());
            await page.GoBackAsync();
            await ShootAsync(page, null, folder ?? temporary!, $"not-found-{suffix}.png");

            Assert.Equal(5, Directory.GetFiles(folder ?? temporary!, $"*-{suffix}.png").Count(f => Path.GetFileName(f).Split('-')[0] is "table" or "rendered" or "side" or "search" or "not"));
        }
        finally
        {
            if (temporary is not null) Directory.Delete(temporary, recursive: true);
        }
    }

    private static async Task AssertFitsAsync(IPage page, string name)
    {
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        var overflow = await page.EvaluateAsync<int>("() => document.body.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{name}: the body is {overflow} px wider than the window");
    }

    /// <summary>A window-sized picture (small, unlike a full page) with <paramref name="top"/> at its top.</summary>
    private static async Task ShootAsync(IPage page, ILocator? top, string folder, string file)
    {
        if (top is not null) await top.EvaluateAsync("e => e.scrollIntoView()");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, file), FullPage = false, Type = ScreenshotType.Png });
    }
}
