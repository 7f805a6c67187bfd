using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// Finds blocks whose whole text is one glyph repeated, such as the "mmmmmmmmmmlli" strings scripts lay out to measure fonts
/// (hidden by style, which extraction does not read): every word of the block at least <see cref="MinLength"/> letters or
/// digits long, one character making at least <see cref="MinShare"/> of it. No word of a language is like that; signature
/// lines and rules (<c>_____</c>, <c>-----</c>) are not letters and stay. Pure: finds, does not remove.
/// </summary>
internal static class RepeatedGlyphs
{
    public const int MinLength = 8;
    public const double MinShare = 0.6;

    /// <summary>Blocks of at most this many words are read; larger ones are searched inside.</summary>
    private const int MaxWords = 40;

    public static List<IElement> Find(SelectedContent selection, ContentMeasure measure) =>
        ChromeSearch.TopDown(selection, withRoots: false, element =>
        {
            var m = measure.Of(element);
            if (m.Words == 0) return ChromeVerdict.Keep;
            if (m.Words > MaxWords || !selection.CanLeaveOut(element)) return ChromeVerdict.Descend;
            return IsRepeatedGlyphs(element.TextContent) ? ChromeVerdict.Drop : ChromeVerdict.Descend;
        });

    public static bool IsRepeatedGlyphs(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words.All(IsGlyphRun);
    }

    private static bool IsGlyphRun(string word)
    {
        if (word.Length < MinLength || !word.All(char.IsLetterOrDigit)) return false;
        var most = word.GroupBy(c => c).Max(g => g.Count());
        return most >= MinShare * word.Length;
    }
}
