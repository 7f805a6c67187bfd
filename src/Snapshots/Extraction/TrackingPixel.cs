using System.Globalization;
using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// An image that is a tracking pixel, never text: declared 0 or 1 pixel wide and high (<c>width="1" height="1"</c>,
/// or the same in an inline style). Such an image gives no text even when it has alt text. Every other image is
/// written as its alt text only, never its source, so a pixel with empty alt gives nothing anyway, whatever per-request
/// token its source URL carries.
/// </summary>
internal static class TrackingPixel
{
    public static bool Is(IElement image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return IsTiny(image.GetAttribute("width"), StyleValue(image, "width")) && IsTiny(image.GetAttribute("height"), StyleValue(image, "height"));
    }

    private static bool IsTiny(string? attribute, string? style)
    {
        var value = (attribute ?? style)?.Trim().Replace("px", "", StringComparison.OrdinalIgnoreCase).Trim();
        return value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var pixels) && pixels <= 1;
    }

    private static string? StyleValue(IElement element, string property)
    {
        var style = element.GetAttribute("style");
        if (style is null) return null;
        foreach (var declaration in style.Split(';'))
        {
            var colon = declaration.IndexOf(':');
            if (colon > 0 && declaration[..colon].Trim().Equals(property, StringComparison.OrdinalIgnoreCase)) return declaration[(colon + 1)..];
        }
        return null;
    }
}
