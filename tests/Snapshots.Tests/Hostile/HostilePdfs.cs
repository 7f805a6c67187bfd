using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Snapshots.Tests.Hostile;

/// <summary>
/// PDFs made to exhaust a reader, written byte by byte (objects, Flate streams, a correct xref table), and one ordinary PDF
/// to compare with. Shared by the hostile probes and by <c>eval/hostile/PdfPeak</c>, which measures peak memory on them.
/// </summary>
public static class HostilePdfs
{
    /// <summary>Every hostile PDF with a name, the ordinary ones last.</summary>
    public static IReadOnlyList<(string Name, byte[] Pdf)> All() =>
    [
        ("flate-bomb-512MiB", FlateBomb(512)),
        ("runlength-bomb-64MiB", RunLengthBomb(64)),
        ("pages-5000", ManyPages(5000)),
        ("tiny-glyphs-2M-one-page", TinyGlyphs(2_000_000, pages: 1)),
        ("tiny-glyphs-3M-over-300-pages", TinyGlyphs(3_000_000, pages: 300)),
        ("form-reused-2000-times", ReusedForm(glyphsPerForm: 1000, uses: 2000)),
        ("forms-nested-8-deep-10-draws-each", NestedForms(depth: 8, drawsPerLevel: 10, filtered: true)),
        ("forms-nested-8-deep-unfiltered", NestedForms(depth: 8, drawsPerLevel: 10, filtered: false)),
        ("page-tree-50000-deep", DeepPageTree(50_000)),
        ("dense-450k-glyphs-over-150-pages", TinyGlyphs(450_000, pages: 150)),
        ("ordinary-40-pages", Ordinary(40)),
        ("ordinary-100-pages", Ordinary(100)),
    ];

    /// <summary>One page whose content stream inflates to <paramref name="mebibytes"/> MiB (spaces after a line of text).</summary>
    public static byte[] FlateBomb(int mebibytes)
    {
        var pdf = new RawPdf();
        var content = Deflate(writer =>
        {
            writer.Write(Encoding.ASCII.GetBytes("BT /F1 12 Tf 72 700 Td (Terms of Service) Tj ET\n"));
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < mebibytes; i++) writer.Write(spaces);
        });
        return pdf.SinglePageWith(content);
    }

    /// <summary>One page whose content stream is RunLength-encoded and decodes to <paramref name="mebibytes"/> MiB of spaces.</summary>
    public static byte[] RunLengthBomb(int mebibytes)
    {
        var pdf = new RawPdf();
        using var data = new MemoryStream();
        var line = Encoding.ASCII.GetBytes("BT /F1 12 Tf 72 700 Td (Terms) Tj ET\n");
        data.WriteByte((byte)(line.Length - 1));
        data.Write(line);
        for (long written = 0; written < mebibytes * 1024L * 1024; written += 128) data.Write([129, (byte)' ']);
        data.WriteByte(128);
        var content = pdf.Stream("/Filter /RunLengthDecode", data.ToArray(), flate: false);
        return pdf.Pages([content]);
    }

    /// <summary><paramref name="count"/> pages, each drawing one short line.</summary>
    public static byte[] ManyPages(int count)
    {
        var pdf = new RawPdf();
        var content = pdf.Stream("", Deflate(w => w.Write(Encoding.ASCII.GetBytes("BT /F1 12 Tf 72 700 Td (Clause) Tj ET"))), flate: true);
        return pdf.Pages(Enumerable.Repeat(content, count).ToList());
    }

    /// <summary><paramref name="glyphs"/> one-point glyphs spread over <paramref name="pages"/> pages: tiny once compressed.</summary>
    public static byte[] TinyGlyphs(int glyphs, int pages)
    {
        var pdf = new RawPdf();
        var perPage = glyphs / pages;
        var content = pdf.Stream("", Deflate(w =>
        {
            w.Write(Encoding.ASCII.GetBytes("BT /F1 1 Tf 1 0 0 1 10 800 Tm\n"));
            var line = Encoding.ASCII.GetBytes("(" + new string('x', 500) + ") Tj 0 -1 Td\n");
            for (var drawn = 0; drawn < perPage; drawn += 500) w.Write(line);
            w.Write(Encoding.ASCII.GetBytes("ET"));
        }), flate: true);
        return pdf.Pages(Enumerable.Repeat(content, pages).ToList());
    }

    /// <summary>A form XObject of <paramref name="glyphsPerForm"/> glyphs drawn <paramref name="uses"/> times on one page.</summary>
    public static byte[] ReusedForm(int glyphsPerForm, int uses)
    {
        var pdf = new RawPdf();
        var form = pdf.Stream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 " + pdf.Font + " 0 R >> >>",
            Deflate(w => w.Write(Encoding.ASCII.GetBytes("BT /F1 1 Tf 10 800 Td (" + new string('y', glyphsPerForm) + ") Tj ET"))), flate: true);
        var content = pdf.Stream("", Deflate(w =>
        {
            for (var i = 0; i < uses; i++) w.Write(Encoding.ASCII.GetBytes("q /X1 Do Q\n"));
        }), flate: true);
        return pdf.Pages([content], extraResources: $"/XObject << /X1 {form} 0 R >>");
    }

    /// <summary>
    /// Form XObjects nested <paramref name="depth"/> deep, each drawing the next <paramref name="drawsPerLevel"/> times, the
    /// innermost a short line: a few hundred bytes that draw drawsPerLevel^depth lines. Unfiltered streams pass no decoder.
    /// </summary>
    public static byte[] NestedForms(int depth, int drawsPerLevel, bool filtered)
    {
        var pdf = new RawPdf();
        byte[] Encode(string content) => filtered ? Deflate(w => w.Write(Encoding.ASCII.GetBytes(content))) : Encoding.ASCII.GetBytes(content);
        var resources = $"/Font << /F1 {pdf.Font} 0 R >>";
        var inner = pdf.Stream($"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << {resources} >>",
            Encode("BT /F1 1 Tf 10 800 Td (Clause) Tj ET"), filtered);
        var draws = string.Concat(Enumerable.Range(0, drawsPerLevel).Select(i => $"q 1 0 0 1 {i} 0 cm /X Do Q\n"));
        for (var level = 1; level < depth; level++)
            inner = pdf.Stream($"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << {resources} /XObject << /X {inner} 0 R >> >>",
                Encode(draws), filtered);
        var content = pdf.Stream("", Encode(draws), filtered);
        return pdf.Pages([content], extraResources: $"/XObject << /X {inner} 0 R >>");
    }

    /// <summary>A page tree <paramref name="depth"/> levels deep (each Pages node holding the next), one page at the bottom.</summary>
    public static byte[] DeepPageTree(int depth)
    {
        var pdf = new RawPdf();
        var content = pdf.Stream("", Deflate(w => w.Write(Encoding.ASCII.GetBytes("BT /F1 12 Tf 72 700 Td (Clause) Tj ET"))), flate: true);
        return pdf.DeepPages(content, depth);
    }

    /// <summary>An ordinary policy PDF: <paramref name="pages"/> pages of 40 lines of prose each.</summary>
    public static byte[] Ordinary(int pages)
    {
        var pdf = new RawPdf();
        var contents = new List<int>();
        for (var p = 0; p < pages; p++)
        {
            var page = p;
            contents.Add(pdf.Stream("", Deflate(w =>
            {
                var text = new StringBuilder("BT /F1 10 Tf 72 780 Td 12 TL\n");
                text.Append(CultureInfo.InvariantCulture, $"(Section {page + 1}. How we use your data) Tj T*\n");
                for (var line = 0; line < 40; line++)
                    text.Append(CultureInfo.InvariantCulture, $"(We keep the data you give us for {line + page} days and never sell it to anyone.) Tj T*\n");
                text.Append("ET");
                w.Write(Encoding.ASCII.GetBytes(text.ToString()));
            }), flate: true));
        }
        return pdf.Pages(contents);
    }

    private static byte[] Deflate(Action<Stream> write)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) write(zlib);
        return output.ToArray();
    }

    /// <summary>A minimal PDF writer: numbered objects, then the xref table and trailer.</summary>
    private sealed class RawPdf
    {
        private readonly List<byte[]> _objects = [];

        public RawPdf() => Font = Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");

        public int Font { get; }

        public int Object(string body)
        {
            _objects.Add(Encoding.ASCII.GetBytes(body));
            return _objects.Count;
        }

        public int Stream(string dictionary, byte[] data, bool flate)
        {
            using var body = new MemoryStream();
            var head = $"<< {dictionary} /Length {data.Length}{(flate ? " /Filter /FlateDecode" : "")} >>\nstream\n";
            body.Write(Encoding.ASCII.GetBytes(head));
            body.Write(data);
            body.Write("\nendstream"u8);
            _objects.Add(body.ToArray());
            return _objects.Count;
        }

        public byte[] SinglePageWith(byte[] deflatedContent) => Pages([Stream("", deflatedContent, flate: true)]);

        public byte[] Pages(IReadOnlyList<int> contents, string extraResources = "")
        {
            var pagesNumber = _objects.Count + contents.Count + 1;
            var kids = new List<int>();
            foreach (var content in contents)
                kids.Add(Object($"<< /Type /Page /Parent {pagesNumber} 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R /Resources << /Font << /F1 {Font} 0 R >> {extraResources} >> >>"));
            var pages = Object($"<< /Type /Pages /Kids [{string.Join(' ', kids.Select(k => $"{k} 0 R"))}] /Count {kids.Count} >>");
            if (pages != pagesNumber) throw new InvalidOperationException("page tree numbering");
            var catalog = Object($"<< /Type /Catalog /Pages {pages} 0 R >>");
            return Build(catalog);
        }

        /// <summary>Pages nodes nested <paramref name="depth"/> deep, numbered from the next object on, the page last.</summary>
        public byte[] DeepPages(int content, int depth)
        {
            var first = _objects.Count + 1;
            for (var level = 0; level < depth; level++)
            {
                var parent = level == 0 ? "" : $"/Parent {first + level - 1} 0 R ";
                Object($"<< /Type /Pages {parent}/Kids [{first + level + 1} 0 R] /Count 1 >>");
            }
            Object($"<< /Type /Page /Parent {first + depth - 1} 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R /Resources << /Font << /F1 {Font} 0 R >> >> >>");
            return Build(Object($"<< /Type /Catalog /Pages {first} 0 R >>"));
        }

        private byte[] Build(int root)
        {
            using var pdf = new MemoryStream();
            pdf.Write("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"u8);
            var offsets = new List<long>();
            for (var i = 0; i < _objects.Count; i++)
            {
                offsets.Add(pdf.Position);
                pdf.Write(Encoding.ASCII.GetBytes($"{i + 1} 0 obj\n"));
                pdf.Write(_objects[i]);
                pdf.Write("\nendobj\n"u8);
            }
            var xref = pdf.Position;
            var table = new StringBuilder($"xref\n0 {_objects.Count + 1}\n0000000000 65535 f \n");
            foreach (var offset in offsets) table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
            table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {_objects.Count + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
            pdf.Write(Encoding.ASCII.GetBytes(table.ToString()));
            return pdf.ToArray();
        }
    }
}
