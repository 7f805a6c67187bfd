using Microsoft.Playwright;

// Renders one page whose text a script writes, as Snapshots' BrowserRenderer does (Debian's Chromium, full-page
// screenshot), and says what it got. Exit 0: the script's text was in the DOM; 1: anything else, with the exception.
var chromium = args.Length > 0 ? args[0] : "/usr/bin/chromium";
try
{
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Args = ["--no-sandbox"] });
    var page = await browser.NewPageAsync();
    await page.SetContentAsync("<p id=text>static</p><script>document.getElementById('text').textContent = 'written by a script'</script>");
    var text = await page.InnerTextAsync("#text");
    var screenshot = await page.ScreenshotAsync(new() { FullPage = true });
    Console.WriteLine($"rendered: \"{text}\", screenshot {screenshot.Length} bytes");
    return text == "written by a script" && screenshot.Length > 0 ? 0 : 1;
}
catch (Exception e)
{
    Console.WriteLine($"failed: {e}");
    return 1;
}
