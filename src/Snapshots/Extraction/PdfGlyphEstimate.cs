namespace Snapshots.Extraction;

/// <summary>
/// An upper estimate of the glyphs a content stream draws: the bytes inside its literal strings <c>(...)</c> and half the
/// digits of its hex strings <c>&lt;...&gt;</c>; and how many XObjects it draws (<c>Do</c> operators), since a form drawn a
/// thousand times draws its glyphs a thousand times. Cheap (one pass, no parsing) and never below the truth for one-byte fonts.
/// </summary>
internal static class PdfGlyphEstimate
{
    public static long Of(ReadOnlySpan<byte> content) => Scan(content).Glyphs;

    public static (long Glyphs, long Draws) Scan(ReadOnlySpan<byte> content)
    {
        long glyphs = 0, hexDigits = 0, draws = 0;
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
            }
            else if (b == (byte)'%')
            {
                while (i + 1 < content.Length && content[i + 1] is not (byte)'\n' and not (byte)'\r') i++;
            }
        }
        return (glyphs + (hexDigits + 1) / 2, draws);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0;

    private static bool IsHexDigit(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
}
