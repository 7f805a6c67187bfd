using System.Text;
using System.Xml;
using Snapshots.Text;

namespace Snapshots.Web.Feeds;

/// <summary>
/// Text a feed can carry: XML 1.0 has no way to write most C0 controls, U+FFFE, U+FFFF or a lone surrogate (not even as a
/// character reference), so control characters are made visible as everywhere else (<see cref="VisibleText"/>: ESC → ␛) and
/// the other non-characters become U+FFFD. A platform's name or a page's text can then be anything without breaking a feed.
/// </summary>
public static class XmlSafeText
{
    public static string Of(string? text)
    {
        var visible = VisibleText.Of(text);
        var first = FirstInvalid(visible);
        if (first < 0) return visible;
        var result = new StringBuilder(visible.Length).Append(visible, 0, first);
        for (var i = first; i < visible.Length; i++)
        {
            var c = visible[i];
            if (char.IsHighSurrogate(c) && i + 1 < visible.Length && char.IsLowSurrogate(visible[i + 1])) { result.Append(c).Append(visible[++i]); continue; }
            result.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
        }
        return result.ToString();
    }

    private static int FirstInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (!XmlConvert.IsXmlChar(c)) return i;
        }
        return -1;
    }
}
