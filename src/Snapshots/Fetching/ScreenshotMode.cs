namespace Snapshots.Fetching;

/// <summary>
/// What a rendered page's capture keeps as a picture of the page (Fetch:Browser:Screenshot). A full-page screenshot is
/// rasterized in software whole: on long policy pages about twice the CPU of the render itself, and the largest part of its
/// peak memory. The text, its hash and the DOM in the WARC capture are the same in every mode.
/// </summary>
public enum ScreenshotMode
{
    /// <summary>The whole page, top to bottom (the default): what a reader scrolling it would have seen.</summary>
    FullPage,

    /// <summary>The first screen only (1280 × 720 CSS pixels): how the page looked when opened, at a small fraction of the cost.</summary>
    Viewport,

    /// <summary>No screenshot: the capture holds the exchange and the rendered DOM.</summary>
    None,
}
