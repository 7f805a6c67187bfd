namespace Snapshots.Tracking;

/// <summary>How often documents are checked and how a cycle is spread; bound from the "Capture" configuration section.</summary>
public sealed class CaptureOptions
{
    public const string Section = "Capture";

    /// <summary>A document is due when its last attempt is at least this old (default 1 hour, minus a 5-minute tolerance).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Capture requests are delayed by a random time within this window so one host is not hit at once (default 10 minutes).</summary>
    public TimeSpan SpreadWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Documents checked at once by <c>snapshots check</c> (default 16). A check mostly waits on the site and on storage; its
    /// CPU-bound extraction takes turns (Extraction:Concurrency, one per core), so this can exceed the number of cores.
    /// </summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>
    /// A check whose text equals a text the document was served within this window (default 30 days) is a return to a
    /// known variant: kept as an observation, not a new version, no alert. Older text coming back is a change.
    /// Zero turns variant folding off.
    /// </summary>
    public TimeSpan VariantWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// A rendered page whose last render's responses all revalidate unchanged is not rendered again, for at most this many
    /// checks in a row (default 24: a daily render at the hourly interval); the next check renders it in full. 0 renders every check.
    /// </summary>
    public int FullRenderEveryChecks { get; set; } = 24;

    /// <summary>... and for at most this long after its last full render (default 7 days), so drift the responses do not show is bounded.</summary>
    public TimeSpan FullRenderAfter { get; set; } = TimeSpan.FromDays(7);
}
