using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// Finds consent-management interfaces inside the selection, whatever the vendor: cookie banners and consent preference
/// centres (cookie categories, consent purposes, vendor lists and counts). An element is one when its text (or the labels of
/// its controls) speaks of cookies or consent, it holds a consent control (a button saying accept, reject, allow, save,
/// manage preferences..., or a checkbox or switch), it holds no h1, and either
/// <list type="bullet">
/// <item>it is an overlay: a dialog (<c>dialog</c>, <c>role="dialog"</c> or <c>"alertdialog"</c>, <c>aria-modal</c>), or
/// hidden by default (<c>aria-hidden</c>, an inline <c>display:none</c> or <c>visibility:hidden</c>); or</item>
/// <item>it is dense with controls (two or more, at least one per <see cref="WordsPerControl"/> words) and its prose is
/// mostly about cookies and consent: a banner, a preference panel.</item>
/// </list>
/// The outermost such element is left out. A cookie policy's own text has no such controls and stays; so does a single
/// "Cookie settings" button in it. Pure: finds, does not remove.
/// </summary>
internal static partial class ConsentInterface
{
    /// <summary>A panel of consent controls has at least one control per this many words.</summary>
    public const int WordsPerControl = 60;

    public static List<IElement> Find(SelectedContent selection, ContentMeasure measure) =>
        ChromeSearch.TopDown(selection, withRoots: false, element =>
        {
            if (!selection.CanLeaveOut(element)) return ChromeVerdict.Descend;
            var m = measure.Of(element);
            if (!m.SpeaksOfConsent || m.ConsentControls == 0) return ChromeVerdict.Keep; // nor does anything inside it
            return IsConsentInterface(element, m) ? ChromeVerdict.Drop : ChromeVerdict.Descend;
        });

    private static bool IsConsentInterface(IElement element, ContentMeasure.Measure m)
    {
        if (m.HasH1) return false;
        if (IsOverlay(element)) return true;
        return m.Controls >= 2 && m.Words <= WordsPerControl * m.Controls && m.ProseWithoutConsentWords * 2 <= m.ProseWords;
    }

    /// <summary>A dialog, or an element hidden until a script shows it.</summary>
    private static bool IsOverlay(IElement element)
    {
        if (element.LocalName == "dialog") return true;
        if (element.GetAttribute("role")?.Trim().ToLowerInvariant() is "dialog" or "alertdialog") return true;
        if (string.Equals(element.GetAttribute("aria-modal")?.Trim(), "true", StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(element.GetAttribute("aria-hidden")?.Trim(), "true", StringComparison.OrdinalIgnoreCase)) return true;
        return element.GetAttribute("style") is { } style && HiddenStyle().IsMatch(style);
    }

    [GeneratedRegex(@"display\s*:\s*none|visibility\s*:\s*hidden", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HiddenStyle();
}
