using System.Text;
using System.Text.RegularExpressions;
using Snapshots.Extraction;

namespace Snapshots.Tests.Extraction;

/// <summary>
/// The hand-written fast paths of extraction (issue 15) give exactly what the simple code they replace gave:
/// the word counts of the unusable-page check and of the change statistics, white space folding, and the test for text
/// that is one glyph repeated (site chrome).
/// </summary>
public sealed class FastPathEquivalenceTests
{
    private static readonly string[] Samples =
    [
        "", " ", "word", "two words", "  leading and trailing  ", "tab\there\nnewline\r\nand\u00A0nbsp",
        "Données personnelles: 30 jours, ²³ ½ Ⅻ", "豆包 隐私政策 第1条", "emoji 😀 and 𝐁old math", "co-operate don't e-mail",
        "zero\u200Bwidth soft\u00ADhyphen bom\uFEFF joiner\u2060", "punctuation... !!! ??? -- — …", "\u2003em\u2002en\u3000ideographic",
        "a\u0301 combining, ﬁ ligature, ٣ arabic-indic digit", "lone \uD800 surrogate \uDC00 halves",
        "a-b a--b a-'b -a- 'x' don’t rock-'n'-roll 3-4-5 - ' ’ x-", "it's state-of-the-art'", "'-a", "a'", "a-", "--", "x-y-",
    ];

    public static TheoryData<string> Texts()
    {
        var data = new TheoryData<string>();
        foreach (var sample in Samples) data.Add(sample);
        var random = new Random(15);
        for (var i = 0; i < 40; i++)
        {
            var text = new StringBuilder();
            for (var j = 0; j < 60; j++)
                text.Append(random.Next(6) switch
                {
                    0 => (char)random.Next(0x20, 0x3100),
                    1 => "-'’ "[random.Next(4)],
                    _ => (char)random.Next(0x20, 0x80),
                });
            data.Add(text.ToString());
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_word_count_is_the_regex_count_of_letter_and_digit_runs(string text) =>
        Assert.Equal(Regex.Count(text, @"[\p{L}\p{N}]+"), UnusablePageDetector.WordCount(text));

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_word_count_that_stops_at_enough_is_the_full_count_up_to_it(string text)
    {
        var all = Regex.Count(text, @"[\p{L}\p{N}]+");
        foreach (var enough in new[] { 1, 3, all, all + 1 })
            Assert.Equal(Math.Min(all, Math.Max(enough, 1)), UnusablePageDetector.WordCount(text, enough));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Counted_words_are_the_regex_count_of_words_with_their_inner_apostrophes_and_hyphens(string text) =>
        Assert.Equal(Regex.Count(text, @"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*"), Snapshots.Changes.WordTokens.CountWords(text));

    [Theory]
    [MemberData(nameof(Texts))]
    public void Folding_white_space_is_the_character_by_character_fold(string text)
    {
        var expected = new StringBuilder();
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (Whitespace.IsInvisible(c)) continue;
            if (char.IsWhiteSpace(c)) { pendingSpace = true; continue; }
            if (pendingSpace) expected.Append(' ');
            pendingSpace = false;
            expected.Append(c);
        }
        if (pendingSpace) expected.Append(' ');
        Assert.Equal(expected.ToString(), Whitespace.Fold(text));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    [InlineData("two  spaces")]
    [InlineData("  ")]
    [InlineData("end \u00A0")]
    [InlineData("\u00A0 start")]
    [InlineData("no folding at all, only single spaces")]
    public void A_heading_is_made_plain_as_by_the_regexes(string text)
    {
        // Links to their text, emphasis out, then every run of white space one space.
        var markup = Regex.Replace(Regex.Replace(text, @"!?\[([^\]]*)\]\([^)]*\)", "$1"), @"(\*\*|__|\*|`)", "");
        var expected = Regex.Replace(markup, @"\s+", " ").Trim();
        Assert.Equal(expected, Snapshots.Changes.HeadingText.Plain(text));
        // Text that needs no folding is returned as it is, not copied.
        if (expected == text) Assert.Same(text, Snapshots.Changes.HeadingText.Plain(text));
    }

    public static TheoryData<string> GlyphTexts()
    {
        var data = new TheoryData<string>
        {
            "mmmmmmmmmmlli", "l l l l l l l l", "mmmmmmmmmm iiiiiiiiii", "mmmmmmmmmm word", "lllllllllllllllllll 1", "abababab",
            "aaaaabbb", "aaaaaabbbb", "Privacy Policy", "The Terms of Service apply", "ÉÉÉÉÉÉÉÉ", "a b c d a b c d", "a b c d e a b c",
            "豆豆豆豆豆豆豆豆", "xxxxxxx", "_________", "\u00A0mmmmmmmm\u00A0",
        };
        var random = new Random(21);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (seen.Count < 300)
        {
            // Few letters, spaces, now and then another character: texts near every threshold.
            var alphabet = random.Next(3) switch { 0 => "lm ", 1 => "lmiab  ", _ => "aaaaaaab \n" };
            var text = new StringBuilder();
            for (var j = random.Next(4, 30); j > 0; j--) text.Append(random.Next(60) == 0 ? '.' : alphabet[random.Next(alphabet.Length)]);
            if (seen.Add(text.ToString())) data.Add(text.ToString());
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(GlyphTexts))]
    public void Repeated_glyphs_are_found_as_by_the_simple_test(string text) =>
        Assert.Equal(SimpleRepeatedGlyphs(text), RepeatedGlyphs.IsRepeatedGlyphs(text));

    /// <summary>The test as first written: LINQ over the words and their letters.</summary>
    private static bool SimpleRepeatedGlyphs(string text)
    {
        if (text.Any(c => !char.IsLetter(c) && !char.IsWhiteSpace(c)) || text.Count(char.IsLetter) < RepeatedGlyphs.MinLength) return false;
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.All(w => w.Length >= RepeatedGlyphs.MinLength && w.GroupBy(c => c).Max(g => g.Count()) >= RepeatedGlyphs.MinShare * w.Length)
            || string.Concat(words).Distinct().Count() <= RepeatedGlyphs.MaxDistinctGlyphs;
    }
}
