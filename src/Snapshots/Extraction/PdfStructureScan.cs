using System.IO.Compression;
using System.Text;

namespace Snapshots.Extraction;

/// <summary>
/// The structure of a PDF counted from its bytes before PdfPig opens it: its objects, and the nodes of its trees (the
/// dictionaries with <c>/Kids</c>: the page tree, and form fields), in the file and inside its object streams (Flate ones
/// are inflated within the PDF's stream allowance; the objects of any other are all counted as tree nodes, unseen). PdfPig
/// builds the page tree with a recursion as deep as the tree, and a stack overflow cannot be caught: a tree no deeper than
/// <see cref="ExtractionOptions.MaxPdfTreeNodes"/> is what lets it open the file (on a <see cref="LargeStack"/>). One
/// forward pass with no recursion: strings, comments and stream data are skipped, names are read with their <c>#xx</c>
/// escapes decoded.
/// </summary>
internal static class PdfStructureScan
{
    public static void Check(byte[] pdf, PdfBounds bounds, ExtractionBudget budget, Uri url)
    {
        var counts = new Counts();
        Scan(pdf, counts, bounds, budget, url, insideObjectStream: false);
        var options = bounds.Options;
        if (counts.Objects > options.MaxPdfObjects)
            bounds.Fail($"it holds more than {options.MaxPdfObjects:N0} objects (Extraction__MaxPdfObjects)");
        if (counts.TreeNodes > options.MaxPdfTreeNodes)
            bounds.Fail($"its page tree (with its other trees) holds more than {options.MaxPdfTreeNodes:N0} nodes, "
                        + $"so it could nest that deep (Extraction__MaxPdfTreeNodes)");
    }

    private sealed class Counts
    {
        public long Objects;
        public long TreeNodes;
    }

    private enum Kind { Name, Number, Keyword, Open, Close, Other }

    private readonly record struct Token(Kind Kind, string Text, int Depth);

    private static void Scan(ReadOnlySpan<byte> pdf, Counts counts, PdfBounds bounds, ExtractionBudget budget, Uri url, bool insideObjectStream)
    {
        var depth = 0;
        var dictionary = new List<Token>();
        Token previous = default, beforePrevious = default;
        for (var i = 0; i < pdf.Length;)
        {
            budget.Tick(url);
            var b = pdf[i];
            Token token;
            if (IsSpace(b)) { i++; continue; }
            if (b == '%')
            {
                while (i < pdf.Length && pdf[i] is not (byte)'\n' and not (byte)'\r') i++;
                continue;
            }
            if (b == '(') { i = SkipString(pdf, i); token = new Token(Kind.Other, "", depth); }
            else if (b == '<' && i + 1 < pdf.Length && pdf[i + 1] == '<')
            {
                i += 2;
                if (depth == 0) dictionary.Clear();
                token = new Token(Kind.Open, "<<", ++depth);
            }
            else if (b == '>' && i + 1 < pdf.Length && pdf[i + 1] == '>')
            {
                i += 2;
                token = new Token(Kind.Close, ">>", depth);
                depth = Math.Max(0, depth - 1);
            }
            else if (b == '<')
            {
                while (i < pdf.Length && pdf[i] != '>') i++;
                i++;
                token = new Token(Kind.Other, "", depth);
            }
            else if (b == '[') { i++; token = new Token(Kind.Open, "[", ++depth); }
            else if (b == ']') { i++; token = new Token(Kind.Close, "]", depth); depth = Math.Max(0, depth - 1); }
            else if (b == '/')
            {
                var (name, end) = ReadName(pdf, i + 1);
                i = end;
                token = new Token(Kind.Name, name, depth);
                if (name == "Kids") counts.TreeNodes++;
            }
            else if (b is (byte)'+' or (byte)'-' or (byte)'.' or >= (byte)'0' and <= (byte)'9')
            {
                var start = i;
                while (i < pdf.Length && pdf[i] is (byte)'+' or (byte)'-' or (byte)'.' or >= (byte)'0' and <= (byte)'9') i++;
                token = new Token(Kind.Number, Encoding.ASCII.GetString(pdf[start..i]), depth);
            }
            else if (IsRegular(b))
            {
                var start = i;
                while (i < pdf.Length && IsRegular(pdf[i])) i++;
                token = new Token(Kind.Keyword, i - start <= 16 ? Encoding.ASCII.GetString(pdf[start..i]) : "", depth);
                if (token.Text == "obj" && previous.Kind == Kind.Number && beforePrevious.Kind == Kind.Number)
                {
                    counts.Objects++;
                    depth = 0;
                }
                else if (token.Text == "stream" && previous.Kind == Kind.Close && previous.Text == ">>" && depth == 0)
                {
                    i = StreamData(pdf, i, dictionary, counts, bounds, budget, url, insideObjectStream);
                    dictionary.Clear();
                }
            }
            else { i++; continue; }
            if (depth > 0 || token.Kind == Kind.Close) dictionary.Add(token);
            if (dictionary.Count > 4096) dictionary.RemoveRange(64, dictionary.Count - 64);
            (beforePrevious, previous) = (previous, token);
        }
    }

    /// <summary>Skips a stream's data (to its <c>endstream</c>), looking inside it when it is an object stream; returns where scanning goes on.</summary>
    private static int StreamData(ReadOnlySpan<byte> pdf, int afterKeyword, List<Token> dictionary, Counts counts, PdfBounds bounds,
        ExtractionBudget budget, Uri url, bool insideObjectStream)
    {
        var start = afterKeyword;
        if (start < pdf.Length && pdf[start] == '\r') start++;
        if (start < pdf.Length && pdf[start] == '\n') start++;
        var end = -1;
        if (Value(dictionary, "Length") is { Kind: Kind.Number } length && long.TryParse(length.Text, out var declared)
            && declared >= 0 && declared <= pdf.Length - start && !FollowedByReference(dictionary, "Length"))
        {
            var after = start + (int)declared;
            while (after < pdf.Length && IsSpace(pdf[after])) after++;
            if (pdf[after..].StartsWith("endstream"u8)) end = start + (int)declared;
        }
        if (end < 0)
        {
            var found = pdf[start..].IndexOf("endstream"u8);
            end = found < 0 ? pdf.Length : start + found;
        }
        if (!insideObjectStream && Value(dictionary, "Type") is { Kind: Kind.Name, Text: "ObjStm" })
            ObjectStream(pdf[start..end], dictionary, counts, bounds, budget, url);
        return Math.Min(pdf.Length, end + "endstream".Length);
    }

    private static void ObjectStream(ReadOnlySpan<byte> data, List<Token> dictionary, Counts counts, PdfBounds bounds, ExtractionBudget budget, Uri url)
    {
        var objects = Value(dictionary, "N") is { Kind: Kind.Number } n && long.TryParse(n.Text, out var count) ? Math.Max(0, count) : long.MaxValue / 4;
        counts.Objects += objects;
        var filters = Filters(dictionary);
        var plain = filters.Count == 0;
        var flate = filters is ["FlateDecode"] && Value(dictionary, "DecodeParms") is null;
        if (!plain && !flate)
        {
            // Not read here (another filter, a predictor, encryption): every object it holds may be a tree node.
            counts.TreeNodes += objects;
            return;
        }
        var decoded = plain ? data.ToArray() : Inflate(data, bounds);
        if (decoded is null)
        {
            counts.TreeNodes += objects;
            return;
        }
        var inner = new Counts();
        Scan(decoded, inner, bounds, budget, url, insideObjectStream: true);
        counts.TreeNodes += inner.TreeNodes;
    }

    /// <summary>The inflated object stream, within what the PDF may still decompress; null when it is not valid zlib data.</summary>
    private static byte[]? Inflate(ReadOnlySpan<byte> data, PdfBounds bounds)
    {
        if (data.Length < 2) return null;
        using var source = new MemoryStream(data[2..].ToArray(), writable: false);
        using var inflate = new DeflateStream(source, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = inflate.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > bounds.StreamAllowance) bounds.CountDecoded(output.Length);
            }
        }
        catch (InvalidDataException)
        {
            return null;
        }
        bounds.CountDecoded(output.Length);
        return output.ToArray();
    }

    /// <summary>The value after a key of the outermost dictionary: its next token.</summary>
    private static Token? Value(List<Token> dictionary, string key)
    {
        for (var i = 0; i + 1 < dictionary.Count; i++)
            if (dictionary[i] is { Kind: Kind.Name, Depth: 1 } name && name.Text == key) return dictionary[i + 1];
        return null;
    }

    private static bool FollowedByReference(List<Token> dictionary, string key)
    {
        for (var i = 0; i + 3 < dictionary.Count; i++)
            if (dictionary[i] is { Kind: Kind.Name, Depth: 1 } name && name.Text == key)
                return dictionary[i + 2].Kind == Kind.Number && dictionary[i + 3] is { Kind: Kind.Keyword, Text: "R" };
        return false;
    }

    /// <summary>The names of the stream's filters (<c>/Filter /X</c> or <c>/Filter [/X /Y]</c>); "?" for one given by reference.</summary>
    private static List<string> Filters(List<Token> dictionary)
    {
        for (var i = 0; i + 1 < dictionary.Count; i++)
        {
            if (dictionary[i] is not { Kind: Kind.Name, Depth: 1, Text: "Filter" }) continue;
            var value = dictionary[i + 1];
            if (value.Kind == Kind.Name) return [value.Text];
            if (value is not { Kind: Kind.Open, Text: "[" }) return ["?"];
            var names = new List<string>();
            for (var j = i + 2; j < dictionary.Count && dictionary[j].Kind != Kind.Close; j++)
                names.Add(dictionary[j].Kind == Kind.Name ? dictionary[j].Text : "?");
            return names;
        }
        return [];
    }

    private static int SkipString(ReadOnlySpan<byte> pdf, int open)
    {
        var nesting = 0;
        for (var i = open; i < pdf.Length; i++)
        {
            if (pdf[i] == '\\') { i++; continue; }
            if (pdf[i] == '(') nesting++;
            else if (pdf[i] == ')' && --nesting == 0) return i + 1;
        }
        return pdf.Length;
    }

    private static (string Name, int End) ReadName(ReadOnlySpan<byte> pdf, int start)
    {
        var name = new StringBuilder();
        var i = start;
        while (i < pdf.Length && IsRegular(pdf[i]))
        {
            if (pdf[i] == '#' && i + 2 < pdf.Length && IsHex(pdf[i + 1]) && IsHex(pdf[i + 2]))
            {
                name.Append((char)Convert.ToByte(Encoding.ASCII.GetString(pdf.Slice(i + 1, 2)), 16));
                i += 3;
            }
            else if (name.Length < 64) name.Append((char)pdf[i++]);
            else i++;
        }
        return (name.ToString(), i);
    }

    private static bool IsSpace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    private static bool IsRegular(byte b) => !IsSpace(b) && !IsDelimiter(b);

    private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
}
