using System.IO.Compression;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Snapshots.Extraction;

/// <summary>
/// PdfPig's stream filters with bounds: a Flate stream is first inflated into nothing, counting, and refused once it passes
/// what the PDF may still decompress (so a deflate bomb never lands in memory); a RunLength stream's output size is read
/// from its length bytes the same way; every decoded stream is counted against
/// <see cref="PdfBounds"/>, and the strings of content streams against its glyph estimate.
/// </summary>
/// <param name="countContent">
/// False for a pass that only measures the structure (<see cref="PdfFormDraws"/>): its streams are bounded and counted, but
/// their glyphs are left to the pass that lays the pages out.
/// </param>
internal sealed class BoundedPdfFilters(PdfBounds bounds, bool countContent = true) : IFilterProvider
{
    private readonly IFilterProvider _inner = DefaultFilterProvider.Instance;

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(_inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(_inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(_inner.GetAllFilters());

    private IReadOnlyList<IFilter> Wrap(IReadOnlyList<IFilter> filters) => filters.Select(f => (IFilter)new BoundedFilter(f, bounds, countContent)).ToList();

    private sealed class BoundedFilter(IFilter inner, PdfBounds bounds, bool countContent) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            bounds.ThrowIfViolated();
            if (inner.GetType().Name == "FlateFilter") MeasureInflated(input);
            else if (inner.GetType().Name == "RunLengthFilter") MeasureRunLength(input.Span);
            var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            bounds.CountDecoded(output.Length);
            if (countContent && IsContentStream(streamDictionary))
            {
                var (glyphs, draws) = PdfGlyphEstimate.Scan(output.Span);
                bounds.CountContent(glyphs, draws, IsForm(streamDictionary));
            }
            return output;
        }

        /// <summary>Inflates into a counting sink, as PdfPig's Flate filter reads (zlib header skipped), stopping past the allowance.</summary>
        private void MeasureInflated(Memory<byte> input)
        {
            if (input.Length < 2) return;
            var allowance = bounds.StreamAllowance;
            using var source = new MemoryStream(input[2..].ToArray(), writable: false);
            using var inflate = new DeflateStream(source, CompressionMode.Decompress);
            var buffer = new byte[81920];
            long total = 0;
            try
            {
                int read;
                while ((read = inflate.Read(buffer)) > 0)
                {
                    total += read;
                    if (total > allowance) bounds.CountDecoded(total);
                }
            }
            catch (InvalidDataException)
            {
                // Corrupt data: PdfPig's own filter decides what to do with it; what was inflated so far is within bounds.
            }
        }

        private static bool IsForm(DictionaryToken d) => d.TryGet(NameToken.Subtype, out NameToken subtype) && subtype.Data == "Form";

        /// <summary>The size a RunLength stream decodes to, from its length bytes (0–127: copy n+1 bytes; 129–255: repeat one byte 257−n times).</summary>
        private void MeasureRunLength(ReadOnlySpan<byte> input)
        {
            var allowance = bounds.StreamAllowance;
            long total = 0;
            for (var i = 0; i < input.Length;)
            {
                var length = input[i];
                if (length == 128) break;
                total += length < 128 ? length + 1 : 257 - length;
                i += length < 128 ? length + 2 : 2;
                if (total > allowance) bounds.CountDecoded(total);
            }
        }

        /// <summary>Page and form content: a stream that is not an image, a font program, an object or xref stream, or metadata.</summary>
        private static bool IsContentStream(DictionaryToken d)
        {
            if (d.TryGet(NameToken.Subtype, out NameToken subtype) && subtype.Data != "Form") return false;
            if (d.TryGet(NameToken.Type, out NameToken type) && type.Data != "XObject") return false;
            return !d.ContainsKey(NameToken.Length1) && !d.ContainsKey(NameToken.Length2) && !d.ContainsKey(NameToken.Create("Length3"));
        }
    }
}
