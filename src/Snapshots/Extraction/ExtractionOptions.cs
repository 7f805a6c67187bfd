namespace Snapshots.Extraction;

/// <summary>
/// Bounds on turning one document's pages into text, bound from the "Extraction" configuration section. A page that passes a
/// bound fails its check with the bound named; the other documents go on.
/// </summary>
public sealed class ExtractionOptions
{
    public const string Section = "Extraction";

    /// <summary>
    /// Wall-clock time for parsing, selecting and rendering all the pages of one document (default 30 s). A 1 MB HTML page takes
    /// well under a second; PDF layout analysis costs about 75 ms of CPU a page, so a 300-page PDF fits on an idle core.
    /// </summary>
    public TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Documents extracted at once in this process (default: one per processor core but one, at least one). Extraction is the
    /// CPU-bound part of a check; more documents than this can be in flight (fetching, writing), but they take turns to
    /// extract, which also bounds the memory that parsed pages hold at once. The core left over runs the rest: HTTP, the
    /// storage client, the garbage collector (on 2 cores, a first check of 760 pages took 20 s with one slot, 23 s with two).
    /// </summary>
    public int Concurrency { get; set; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>Elements one HTML page may have (default 200,000; a long policy page has a few tens of thousands).</summary>
    public int MaxElements { get; set; } = 200_000;

    /// <summary>How deep elements may nest in an HTML page, below html and body (default 1,024; real pages stay under 100).</summary>
    public int MaxDepth { get; set; } = 1024;

    /// <summary>Pages one PDF may have (default 1,000).</summary>
    public int MaxPdfPages { get; set; } = 1000;

    /// <summary>Decompressed size of all the streams of one PDF except images (default 32 MiB).</summary>
    public long MaxPdfStreamBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Glyphs (letters) one PDF may draw, all pages together (default 500,000: about 250 dense pages).</summary>
    public int MaxPdfGlyphs { get; set; } = 500_000;

    /// <summary>
    /// Memory one check may allocate while extracting a PDF (default 256 MB): measured on the extracting thread between
    /// pages, so one page may overshoot by what it allocates itself; the stream, page and glyph bounds keep that small.
    /// </summary>
    public long MemoryBudgetBytes { get; set; } = 256L * 1024 * 1024;
}
