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

    /// <summary>
    /// Characters the Markdown renderer may write for one page, per character of the page (default 8). Counted as it writes,
    /// at every level (a cell's text is written once into its cell and again into its row), so the bound holds the work and
    /// the memory of rendering as well as the text: a table padded to its widest row, lists and quotes indented at every level
    /// or links resolved against a long base can no longer turn a small page into a huge text. Real pages write about
    /// their own size or less.
    /// </summary>
    public double MaxTextRatio { get; set; } = 8;

    /// <summary>Characters any page may write, whatever its size (default 1,000,000): the floor under <see cref="MaxTextRatio"/>.</summary>
    public long MinTextAllowance { get; set; } = 1_000_000;

    /// <summary>Characters no page may write, whatever its size (default 32,000,000): the cap over <see cref="MaxTextRatio"/>.</summary>
    public long MaxTextCharacters { get; set; } = 32_000_000;

    /// <summary>Pages one PDF may have (default 1,000).</summary>
    public int MaxPdfPages { get; set; } = 1000;

    /// <summary>Decompressed size of all the streams of one PDF except images (default 32 MiB).</summary>
    public long MaxPdfStreamBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Glyphs (letters) one PDF may draw, all pages together (default 500,000: about 250 dense pages).</summary>
    public int MaxPdfGlyphs { get; set; } = 500_000;

    /// <summary>
    /// Objects one PDF may hold (default 500,000), counted in its bytes and in its object streams before the PDF is opened;
    /// a long report has tens of thousands.
    /// </summary>
    public int MaxPdfObjects { get; set; } = 500_000;

    /// <summary>
    /// Nodes of the page tree (and other trees with <c>/Kids</c>) one PDF may hold (default 10,000), counted before it is
    /// opened: the page tree can be no deeper than this, so reading it can never overflow the stack (a tree of 1,000 pages
    /// has a few dozen nodes).
    /// </summary>
    public int MaxPdfTreeNodes { get; set; } = 10_000;

    /// <summary>How deep form XObjects may be drawn inside each other on one page (default 12; real PDFs nest two or three).</summary>
    public int MaxPdfFormDepth { get; set; } = 12;

    /// <summary>
    /// Form XObjects one page may draw, every nested draw counted (a form drawn 10 times inside a form drawn 10 times is 110
    /// draws; default 100,000).
    /// </summary>
    public long MaxPdfFormDraws { get; set; } = 100_000;

    /// <summary>
    /// Memory one check may allocate while extracting a PDF (default 256 MB): measured on the extracting thread between
    /// pages, so one page may overshoot by what it allocates itself; the stream, page and glyph bounds keep that small.
    /// </summary>
    public long MemoryBudgetBytes { get; set; } = 256L * 1024 * 1024;
}
