using System.Globalization;
using System.Text;
using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// Writes e-mail addresses hidden by an email-protection proxy as the addresses they hide, so that a page served with the
/// placeholder ("[email protected]", the address encoded in the markup) and the same page served with the address (the
/// decoding script ran, or the proxy was off) give the same text. Cloudflare's scheme: the address is hex, each byte XOR-ed
/// with the first one (a key drawn per response, so the hex changes on every fetch), in a <c>data-cfemail</c> attribute
/// (the element stands for the address as text) or after <c>/cdn-cgi/l/email-protection#</c> in a link (the link is a
/// <c>mailto:</c> link), exactly what the proxy's own script restores in a browser. A placeholder that does not decode to an
/// address is left as it is. Mutates the content; says what it decoded.
/// </summary>
internal static class EmailProtection
{
    private const string LinkPath = "/cdn-cgi/l/email-protection#";
    private const string Attribute = "data-cfemail";

    public static List<DecodedPlaceholder> Decode(IReadOnlyList<INode> content)
    {
        var decoded = new List<DecodedPlaceholder>();
        foreach (var root in content.OfType<IParentNode>())
        {
            foreach (var link in Including(root, "a[href]"))
            {
                var href = link.GetAttribute("href")!;
                var at = href.IndexOf(LinkPath, StringComparison.OrdinalIgnoreCase);
                if (at < 0 || Address(href[(at + LinkPath.Length)..]) is not { } address) continue;
                link.SetAttribute("href", "mailto:" + address);
                decoded.Add(new DecodedPlaceholder(href, "mailto:" + address));
            }
            foreach (var element in Including(root, $"[{Attribute}]"))
            {
                if (element == root || Address(element.GetAttribute(Attribute)!) is not { } address) continue;
                decoded.Add(new DecodedPlaceholder(SiteChrome.OneLine(element.TextContent), address));
                element.Parent!.ReplaceChild(element.Owner!.CreateTextNode(address), element);
            }
        }
        return decoded;
    }

    private static IEnumerable<IElement> Including(IParentNode root, string selector)
    {
        if (root is IElement element && element.Matches(selector)) yield return element;
        foreach (var inner in root.QuerySelectorAll(selector).ToList()) yield return inner;
    }

    /// <summary>The address the hex stands for, or null when it does not decode to one.</summary>
    internal static string? Address(string hex)
    {
        hex = hex.Trim();
        if (hex.Length < 4 || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit)) return null;
        var key = byte.Parse(hex.AsSpan(0, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var bytes = new byte[hex.Length / 2 - 1];
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)(byte.Parse(hex.AsSpan(2 + 2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) ^ key);
        string address;
        try { address = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
        return address.Contains('@') && !address.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) ? address : null;
    }
}
