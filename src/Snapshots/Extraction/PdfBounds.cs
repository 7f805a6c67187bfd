using Snapshots.Text;

namespace Snapshots.Extraction;

/// <summary>
/// What one PDF has used of its bounds while PdfPig reads it: decompressed stream bytes and an estimate of the glyphs its
/// content streams draw (counted by <see cref="BoundedPdfFilters"/> as streams are decoded), and the pages and letters read.
/// The first bound passed is kept as <see cref="Violation"/>: PdfPig may swallow an exception thrown from inside a filter,
/// so the extractor asks <see cref="ThrowIfViolated"/> after each page.
/// </summary>
internal sealed class PdfBounds(ExtractionOptions options, Uri url)
{
    /// <summary>Bytes a letter costs while a page is laid out (letter, word, block, reading order), measured on PdfPig 0.1.16.</summary>
    public const long BytesPerGlyph = 400;

    private long _streamBytes;
    private long _glyphEstimate;
    private long _draws;
    private long _largestForm;

    public ExtractionOptions Options { get; } = options;
    public string? Violation { get; private set; }

    /// <summary>Decoded bytes this PDF may still produce: the stream bound, or less when the memory budget is tighter.</summary>
    public long StreamAllowance => Math.Max(0, Math.Min(Options.MaxPdfStreamBytes, Options.MemoryBudgetBytes / 4) - _streamBytes);

    public void CountDecoded(long bytes)
    {
        _streamBytes += bytes;
        if (StreamAllowance <= 0 && _streamBytes > 0)
            Fail($"its streams decompress to more than {Describe.Bytes(Math.Min(Options.MaxPdfStreamBytes, Options.MemoryBudgetBytes / 4))} (Extraction__MaxPdfStreamBytes)");
    }

    /// <summary>Counts a decoded content stream: its glyphs once, and a form's glyphs again for every XObject drawn so far.</summary>
    public void CountContent(long glyphs, long draws, bool isForm)
    {
        _glyphEstimate += glyphs;
        _draws += draws;
        if (isForm) _largestForm = Math.Max(_largestForm, glyphs);
        CheckGlyphs(_glyphEstimate + _draws * _largestForm);
    }

    public void CheckGlyphs(long glyphs)
    {
        if (glyphs > Options.MaxPdfGlyphs)
            Fail($"it draws more than {Options.MaxPdfGlyphs:N0} glyphs (Extraction__MaxPdfGlyphs)");
        else if (glyphs * BytesPerGlyph > Options.MemoryBudgetBytes)
            Fail($"laying out its {glyphs:N0} glyphs would take more than the memory budget of {Describe.Bytes(Options.MemoryBudgetBytes)} (Extraction__MemoryBudgetBytes)");
    }

    public void Fail(string reason)
    {
        Violation ??= reason;
        throw Exception();
    }

    public void ThrowIfViolated()
    {
        if (Violation is not null) throw Exception();
    }

    private ExtractionException Exception() => new(url, $"the PDF is over a bound: {Violation}");
}
