namespace Snapshots.Extraction;

/// <summary>
/// An upper estimate of the glyphs a content stream draws: the bytes inside its literal strings <c>(...)</c> and half the
/// digits of its hex strings <c>&lt;...&gt;</c>; and how many XObjects it draws (<c>Do</c> operators), since a form drawn a
/// thousand times draws its glyphs a thousand times. Cheap (one pass, no parsing) and never below the truth for one-byte fonts.
/// </summary>
internal static class PdfGlyphEstimate
{
    public static long Of(ReadOnlySpan<byte> content) => Scan(content).Glyphs;

    public static (long Glyphs, long Draws) Scan(ReadOnlySpan<byte> content) => Scan(content, null);

    /// <summary>The glyph estimate and how many times each XObject is drawn, by the name the content gives it (<c>/X1 Do</c>).</summary>
    public static (long Glyphs, Dictionary<string, long> Drawn) ScanDraws(ReadOnlySpan<byte> content)
    {
        var drawn = new Dictionary<string, long>(StringComparer.Ordinal);
        return (Scan(content, drawn).Glyphs, drawn);
    }

    private static (long Glyphs, long Draws) Scan(ReadOnlySpan<byte> content, Dictionary<string, long>? drawn)
    {
        long glyphs = 0, hexDigits = 0, draws = 0;
        string? lastName = null;
        var depth = 0;
        var inHex = false;
        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            if (depth > 0)
            {
                if (b == (byte)'\\') { i++; glyphs++; continue; }
                if (b == (byte)'(') depth++;
                else if (b == (byte)')') { depth--; continue; }
                glyphs++;
            }
            else if (inHex)
            {
                if (b == (byte)'>') inHex = false;
                else if (IsHexDigit(b)) hexDigits++;
            }
            else if (b == (byte)'(') depth = 1;
            else if (b == (byte)'<')
            {
                if (i + 1 < content.Length && content[i + 1] == (byte)'<') i++;
                else inHex = true;
            }
            else if (b == (byte)'D' && i + 1 < content.Length && content[i + 1] == (byte)'o'
                     && (i == 0 || IsSpace(content[i - 1])) && (i + 2 == content.Length || IsSpace(content[i + 2])))
            {
                draws++;
                i++;
                if (drawn is not null && lastName is not null) drawn[lastName] = drawn.GetValueOrDefault(lastName) + 1;
            }
            else if (b == (byte)'/' && drawn is not null)
            {
                var start = i + 1;
                while (i + 1 < content.Length && !IsSpace(content[i + 1]) && content[i + 1] is not ((byte)'/' or (byte)'(' or (byte)'<' or (byte)'[' or (byte)'>' or (byte)']')) i++;
                lastName = DecodedName(System.Text.Encoding.Latin1.GetString(content[start..(i + 1)]));
            }
            else if (b == (byte)'%')
            {
                while (i + 1 < content.Length && content[i + 1] is not (byte)'\n' and not (byte)'\r') i++;
            }
        }
        return (glyphs + (hexDigits + 1) / 2, draws);
    }

    /// <summary>A name with its <c>#xx</c> escapes decoded, as PdfPig reads it (<c>/X#31</c> is <c>/X1</c>).</summary>
    private static string DecodedName(string raw)
    {
        if (!raw.Contains('#')) return raw;
        var name = new System.Text.StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '#' && i + 2 < raw.Length && IsHexDigit((byte)raw[i + 1]) && IsHexDigit((byte)raw[i + 2]))
            {
                name.Append((char)Convert.ToByte(raw.Substring(i + 1, 2), 16));
                i += 2;
            }
            else name.Append(raw[i]);
        }
        return name.ToString();
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0;

    private static bool IsHexDigit(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
}
