using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Outline.Destinations;
using UglyToad.PdfPig.Parser.Parts;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace Snapshots.Extraction;

/// <summary>What one page draws once its forms are unfolded: form XObject draws (every nested draw counted) and estimated glyphs.</summary>
internal sealed record PdfPageDraws(long FormDraws, long Glyphs);

/// <summary>
/// Measures a page before PdfPig lays it out (a page factory: PdfPig hands it the page's dictionary and inherited resources,
/// and nothing is drawn yet). Its content and every form XObject it reaches are decoded once (each form once per document)
/// and scanned for the forms they draw (<see cref="PdfGlyphEstimate.ScanDraws"/>); the draws are unfolded with an explicit
/// stack, multiplying as they nest (a form drawn 10 times inside a form drawn 10 times is drawn 100 times), and refused past
/// <see cref="ExtractionOptions.MaxPdfFormDepth"/> (which also catches a form drawn inside itself: PdfPig would recurse until
/// the stack overflows) or <see cref="ExtractionOptions.MaxPdfFormDraws"/>, and the glyphs they would draw are checked against
/// the glyph and memory bounds. The streams it decodes are counted apart from PdfPig's own decoding of the same streams,
/// against the same allowance, so the bound on decoded bytes holds for each pass.
/// </summary>
internal sealed class PdfFormDraws(IPdfTokenScanner scanner, PdfBounds bounds, Uri url) : IPageFactory<PdfPageDraws>
{
    private readonly IFilterProvider _filters = new BoundedPdfFilters(new PdfBounds(bounds.Options, url), countContent: false);
    private readonly Dictionary<IndirectReference, (long Glyphs, Dictionary<string, long> Drawn)> _forms = [];

    public PdfPageDraws Create(int number, DictionaryToken dictionary, PageTreeMembers pageTreeMembers, NamedDestinations namedDestinations)
    {
        var resources = pageTreeMembers.ParentResources.ToList();
        if (dictionary.TryGet(NameToken.Resources, scanner, out DictionaryToken? own)) resources.Add(own);
        var (glyphs, drawn) = Content(dictionary);
        long draws = 0;
        var total = glyphs;
        var stack = new Stack<(Dictionary<string, long> Drawn, IReadOnlyList<DictionaryToken> Resources, long Times, int Depth)>();
        stack.Push((drawn, resources, 1, 0));
        while (stack.Count > 0)
        {
            var (names, context, times, depth) = stack.Pop();
            foreach (var (name, count) in names)
            {
                if (Form(name, context) is not { } form) continue;
                var formTimes = Multiply(times, count);
                draws = Add(draws, formTimes);
                if (depth + 1 > bounds.Options.MaxPdfFormDepth)
                    bounds.Fail($"page {number} draws form XObjects nested more than {bounds.Options.MaxPdfFormDepth} deep, or a form inside itself (Extraction__MaxPdfFormDepth)");
                if (draws > bounds.Options.MaxPdfFormDraws)
                    bounds.Fail($"page {number} draws form XObjects more than {bounds.Options.MaxPdfFormDraws:N0} times, nested draws counted (Extraction__MaxPdfFormDraws)");
                var scanned = Scanned(form.Reference, form.Stream);
                total = Add(total, Multiply(formTimes, scanned.Glyphs));
                bounds.CheckGlyphs(total);
                IReadOnlyList<DictionaryToken> inner = form.Stream.StreamDictionary.TryGet(NameToken.Resources, scanner, out DictionaryToken? formResources)
                    ? [.. context, formResources]
                    : context;
                if (scanned.Drawn.Count > 0) stack.Push((scanned.Drawn, inner, formTimes, depth + 1));
            }
        }
        return new PdfPageDraws(draws, total);
    }

    /// <summary>The page's content streams, scanned (decoded here, not kept).</summary>
    private (long Glyphs, Dictionary<string, long> Drawn) Content(DictionaryToken page)
    {
        long glyphs = 0;
        var drawn = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!page.TryGet(NameToken.Contents, out var contents)) return (glyphs, drawn);
        var streams = DirectObjectFinder.TryGet(contents, scanner, out ArrayToken? array) ? array.Data : [contents];
        foreach (var item in streams)
        {
            if (!DirectObjectFinder.TryGet(item, scanner, out StreamToken? stream)) continue;
            var (g, d) = PdfGlyphEstimate.ScanDraws(stream.Decode(_filters).Span);
            glyphs += g;
            foreach (var (name, count) in d) drawn[name] = drawn.GetValueOrDefault(name) + count;
        }
        return (glyphs, drawn);
    }

    /// <summary>The form XObject a name stands for in these resources (the innermost that names it), or null for an image or nothing.</summary>
    private (IndirectReference Reference, StreamToken Stream)? Form(string name, IReadOnlyList<DictionaryToken> resources)
    {
        for (var i = resources.Count - 1; i >= 0; i--)
        {
            if (!resources[i].TryGet(NameToken.Xobject, scanner, out DictionaryToken? xobjects)) continue;
            if (!xobjects.Data.TryGetValue(name, out var entry)) continue;
            if (entry is not IndirectReferenceToken reference || !DirectObjectFinder.TryGet(entry, scanner, out StreamToken? stream)) return null;
            return stream.StreamDictionary.TryGet(NameToken.Subtype, out NameToken subtype) && subtype.Data == "Form"
                ? (reference.Data, stream)
                : null;
        }
        return null;
    }

    private (long Glyphs, Dictionary<string, long> Drawn) Scanned(IndirectReference reference, StreamToken form)
    {
        if (!_forms.TryGetValue(reference, out var scanned))
            _forms[reference] = scanned = PdfGlyphEstimate.ScanDraws(form.Decode(_filters).Span);
        return scanned;
    }

    private static long Multiply(long a, long b) => a == 0 || b <= long.MaxValue / a ? a * b : long.MaxValue;

    private static long Add(long a, long b) => a <= long.MaxValue - b ? a + b : long.MaxValue;
}
