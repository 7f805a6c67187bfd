namespace Snapshots.Fetching;

/// <summary>How pages declared with <c>executeClientScripts</c> are rendered; bound from the "Fetch:Browser" section.</summary>
public sealed class BrowserOptions
{
    public const string Section = "Fetch:Browser";

    /// <summary>
    /// The Chromium to launch. Empty: the first of <c>chromium</c>, <c>chromium-browser</c>, <c>google-chrome</c> found on PATH.
    /// Ignored when <see cref="Endpoint"/> is set.
    /// </summary>
    public string? ExecutablePath { get; set; }

    /// <summary>
    /// A remote browser instead of a local one: <c>ws(s)://host:port/</c> for a Playwright server (e.g. the Playwright image
    /// running <c>playwright run-server</c>), <c>http(s)://host:port</c> or a <c>.../devtools/browser/...</c> address for Chromium's CDP.
    /// Its requests are made by this process, through the SSRF guard, as a local browser's are; each page's context gets a closed
    /// port on the remote machine's loopback as its proxy, so nothing the routing misses leaves it directly.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Time allowed to launch the local browser or to connect to the remote one, e.g. a replica woken from zero (default 60 s).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed for the navigation (the page's load event); the whole render is also bounded by Fetch:Timeout (default 20 s).</summary>
    public TimeSpan NavigationTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>After the declared selectors are present, how long to wait at most for the network to go idle (0 = not at all; default 2 s).</summary>
    public TimeSpan NetworkIdleWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Pages rendered at once by this process (default 2); more wait their turn.</summary>
    public int MaxConcurrentPages { get; set; } = 2;

    /// <summary>Do not load images, media and fonts: they never carry the text (default true). A declaration's <c>loadAllResources</c> overrides it.</summary>
    public bool BlockImagesMediaAndFonts { get; set; } = true;

    /// <summary>
    /// The screenshot kept in a rendered page's capture (default <see cref="ScreenshotMode.FullPage"/>): <c>Viewport</c> keeps the
    /// first screen only, <c>None</c> none. None is taken of a DOM the last check verified, whatever the mode.
    /// </summary>
    public ScreenshotMode Screenshot { get; set; } = ScreenshotMode.FullPage;

    /// <summary>Do not load beacons and known analytics, tag manager and ad hosts (<c>RenderBlocking</c>; default true). A declaration's <c>loadAllResources</c> overrides it.</summary>
    public bool BlockTrackers { get; set; } = true;

    /// <summary>
    /// How long the network must stay quiet (no request of the page in flight) after the declared selectors are present before
    /// the DOM is taken (default 250 ms); <see cref="NetworkIdleWait"/> bounds the whole wait.
    /// </summary>
    public TimeSpan NetworkQuietWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Memory a page is expected to take in the browser (default 256 MiB): a render beyond the first starts only while the
    /// machine has this much available (Linux: MemAvailable), so concurrency is bounded by memory as well as by
    /// <see cref="MaxConcurrentPages"/>. 0 turns the bound off.
    /// </summary>
    public long MemoryPerPage { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Renders of the same origin one browser context serves before it is closed (default 20; 1 = a new context for every
    /// render). Between two renders the context's cookies and the storage of every origin the first reached are cleared, and
    /// a context never serves another origin, so nothing of one site reaches another site's render.
    /// </summary>
    public int RendersPerContext { get; set; } = 20;

    /// <summary>How long a browser context is kept for further renders of its origin after it was opened (default 5 minutes).</summary>
    public TimeSpan ContextLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A context whose render ended with more than this in the browser (the page's JavaScript heap and its origin's stored
    /// data) is closed instead of being kept (default 64 MiB; 0 = never kept).
    /// </summary>
    public long ContextMemoryLimit { get; set; } = 64L * 1024 * 1024;
}
