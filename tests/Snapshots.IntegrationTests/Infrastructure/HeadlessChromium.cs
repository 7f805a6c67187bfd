using Microsoft.Playwright;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>) driven by Microsoft.Playwright, headless, with a fresh profile folder that is
/// deleted afterwards. JavaScript is off unless asked for: the site must work without it.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private HeadlessChromium(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static async Task<HeadlessChromium> StartAsync(int width = 1280, int height = 900, bool javaScript = false)
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: apt-get update && apt-get install -y chromium");
        var profile = Directory.CreateTempSubdirectory("snapshots-chromium-").FullName;
        var playwright = await Playwright.CreateAsync();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Flags,
                JavaScriptEnabled = javaScript,
                ViewportSize = new ViewportSize { Width = width, Height = height },
            });
            return new HeadlessChromium(playwright, context, profile);
        }
        catch
        {
            playwright.Dispose();
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    public async Task<IPage> OpenAsync(Uri url)
    {
        var page = Context.Pages.Count > 0 && Context.Pages[0].Url == "about:blank" ? Context.Pages[0] : await Context.NewPageAsync();
        var response = await page.GotoAsync(url.AbsoluteUri);
        if (response is null) throw new InvalidOperationException($"no response from {url}");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try { Directory.Delete(_profile, recursive: true); }
        catch (IOException) { }
    }
}
