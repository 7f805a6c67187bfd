using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// Finds blocks whose whole text is one glyph repeated, such as the "mmmmmmmmmmlli" strings scripts lay out to measure fonts
/// (hidden by style, which extraction does not read): every word of the block at least <see cref="MinLength"/>
/// letters long (never digits: a number stays), one character making at least <see cref="MinShare"/> of it; or the block's letters, at least
/// <see cref="MinLength"/> of them, drawn from at most <see cref="MaxDistinctGlyphs"/> distinct ones ("l l l l l l l l").
/// No text of a language is like that; signature lines and rules (<c>_____</c>, <c>-----</c>) are not letters and stay.
/// Pure: finds, does not remove.
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
        if (words.Length == 0) return false;
        if (words.All(IsGlyphRun)) return true;
        // Glyphs laid out one by one ("l l l l l l l l"): a few distinct letters, repeated.
        var glyphs = string.Concat(words);
        return glyphs.Length >= MinLength && glyphs.All(char.IsLetter) && glyphs.Distinct().Count() <= MaxDistinctGlyphs;
    }

    /// <summary>A text of at least <see cref="MinLength"/> letters drawn from at most this many distinct ones is glyphs, not words.</summary>
    public const int MaxDistinctGlyphs = 3;

    private static bool IsGlyphRun(string word)
    {
        if (word.Length < MinLength || !word.All(char.IsLetter)) return false;
        var most = word.GroupBy(c => c).Max(g => g.Count());
        return most >= MinShare * word.Length;
    }
}
