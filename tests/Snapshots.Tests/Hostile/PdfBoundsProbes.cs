using Snapshots.Extraction;
using Snapshots.Fetching;
using Snapshots.Tests.Extraction;

namespace Snapshots.Tests.Hostile;

/// <summary>PDFs built to exhaust memory or time (see <see cref="HostilePdfs"/>): refused with the bound named.</summary>
[Trait("Category", "Hostile")]
public sealed class PdfBoundsProbes
{
    private static string Extract(byte[] pdf) => new DocumentExtractor().Extract(TestPages.Page(MediaTypes.Pdf, pdf), TestPages.Select("body"));

    [Fact]
    public void A_deflate_bomb_is_refused_before_it_is_inflated_into_memory()
    {
        var pdf = HostilePdfs.FlateBomb(512);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<ExtractionException>(() => Extract(pdf));

        Assert.Contains("its streams decompress to more than 32 MiB", error.Message);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 128L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MiB");
    }

    [Fact]
    public void A_run_length_bomb_is_refused_before_it_is_decoded()
    {
        var pdf = HostilePdfs.RunLengthBomb(64);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<ExtractionException>(() => Extract(pdf));

        Assert.Contains("its streams decompress to more than 32 MiB", error.Message);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MiB");
    }

    [Fact]
    public void Too_many_pages_are_refused()
    {
        var error = Assert.Throws<ExtractionException>(() => Extract(HostilePdfs.ManyPages(5000)));

        Assert.Contains("5,000 pages, more than 1,000", error.Message);
    }

    [Fact]
    public void A_small_pdf_of_two_million_tiny_glyphs_is_refused_before_they_are_laid_out()
    {
        var pdf = HostilePdfs.TinyGlyphs(2_000_000, pages: 1);
        Assert.True(pdf.Length < 20_000);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<ExtractionException>(() => Extract(pdf));

        Assert.Contains("draws more than 500,000 glyphs", error.Message);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 128L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MiB");
    }

    [Fact]
    public void A_form_drawn_thousands_of_times_is_refused_before_the_page_is_laid_out()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<ExtractionException>(() => Extract(HostilePdfs.ReusedForm(glyphsPerForm: 1000, uses: 2000)));

        Assert.Contains("draws more than 500,000 glyphs", error.Message);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 128L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MiB");
    }

    [Fact]
    public void An_ordinary_pdf_is_extracted_within_the_bounds()
    {
        var text = Extract(HostilePdfs.Ordinary(5));

        Assert.Contains("Section 5. How we use your data", text);
        Assert.Contains("We keep the data you give us for 43 days and never sell it to anyone.", text);
    }
}
