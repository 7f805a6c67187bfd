namespace Snapshots.Fetching;

/// <summary>
/// A page that declares a charset Snapshots will not decode: not one of the WHATWG Encoding Standard (UTF-7 and its aliases,
/// UTF-32, EBCDIC, an unknown label) or one that browsers replace instead of decoding (ISO-2022-KR/CN, HZ). Decoding it anyway
/// would record text the page's readers never saw (UTF-7 hides markup as plain ASCII), and guessing another encoding would too.
/// </summary>
internal sealed class CharsetRefusedException(string charset, string declaredIn)
    : Exception($"the page declares the charset \"{Snapshots.Text.VisibleText.Bounded(charset, 60)}\" ({declaredIn}), which Snapshots does not decode: "
                + "only the encodings of the WHATWG Encoding Standard are read (never UTF-7, UTF-32, EBCDIC, or ISO-2022-KR/CN and HZ, which browsers replace)")
{
    public string Charset { get; } = charset;
}
