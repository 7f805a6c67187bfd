using Snapshots.Changes;
using Snapshots.Extraction;
using Snapshots.Tests.Extraction;
using Snapshots.Text;

namespace Snapshots.Tests.Hostile;

/// <summary>Page text that would act on a terminal, forge a diff or render as Markdown: made visible or escaped.</summary>
[Trait("Category", "Hostile")]
public sealed class TextEscapingProbes
{
    [Theory]
    [InlineData("\u001b[2J\u001b[H", "\u241b[2J\u241b[H")]
    [InlineData("\u001b]0;window title\u0007", "\u241b]0;window title\u2407")]
    [InlineData("\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\", "\u241b]8;;https://evil.example\u241b\\click\u241b]8;;\u241b\\")]
    [InlineData("\u009b31m", "<U+009B>31m")]
    [InlineData("abc\u202Eevil", "abc<U+202E>evil")]
    [InlineData("a\u007fb", "a\u2421b")]
    public void Control_characters_become_visible(string text, string visible) => Assert.Equal(visible, VisibleText.Of(text));

    [Fact]
    public void Line_breaks_stay_in_text_and_go_in_one_line_fields()
    {
        Assert.Equal("a\nb\tc", VisibleText.Of("a\nb\tc"));
        Assert.Equal("a\u240ab\u2409c", VisibleText.Bounded("a\nb\tc", 100));
        Assert.Equal("abcd…", VisibleText.Bounded("abcdefgh", 5));
    }

    [Fact]
    public void Page_text_cannot_forge_the_markers_of_a_plain_diff()
    {
        var previous = "We [-sell-] {+never sell+} your data.\n";
        var current = "We [-sell-] {+never sell+} your data, except to partners.\n";
        var excerpt = DiffExcerpt.Build(new ChangeSummarizer(TopicClassifier.Default).Compare(previous, current), contextWords: 12, maxCharacters: int.MaxValue);

        var plain = TextDiffRenderer.Inline(excerpt, colour: false);

        Assert.Contains("We [\\-sell\\-] {\\+never sell\\+} your data", plain);
        Assert.Matches(@"\{\+[^{}]*except to partners[^{}]*\+\}", plain);
    }

    [Theory]
    [InlineData("<p>[Click here](javascript:alert(1))</p>", "[Click here\\](javascript:alert(1))\n")]
    [InlineData("<p>![x](https://evil.example/t.png)</p>", "![x\\](https://evil.example/t.png)\n")]
    [InlineData("<p>This is **not bold** in the page</p>", "This is \\*\\*not bold\\*\\* in the page\n")]
    [InlineData("<p>_not emphasis_ either</p>", "\\_not emphasis\\_ either\n")]
    [InlineData("<p>`code` span</p>", "\\`code\\` span\n")]
    [InlineData("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "\\<script>alert(1)\\</script>\n")]
    public void Markdown_syntax_from_the_page_is_escaped(string body, string text) => Assert.Equal(text, TestPages.Body(body));

    [Theory]
    [InlineData("<p>Fees apply* to EU users.</p>", "Fees apply* to EU users.\n")]
    [InlineData("<p>Your user_id and account_name.</p>", "Your user_id and account_name.\n")]
    [InlineData("<p>Section 4 [reserved] and 5 * 3 &lt; 20.</p>", "Section 4 [reserved] and 5 * 3 < 20.\n")]
    [InlineData("<p>See <a href=\"/a\">the annex</a> and <b>this clause</b>.</p>", "See [the annex](https://example.com/a) and **this clause**.\n")]
    public void Ordinary_text_and_the_extractor_own_Markdown_are_unchanged(string body, string text) => Assert.Equal(text, TestPages.Body(body));

    [Fact]
    public void Escaping_is_idempotent_in_effect_for_text_without_syntax()
    {
        const string text = "We keep your data for 30 days (see §4). Questions? privacy@example.com";
        Assert.Same(text, MarkdownEscape.Text(text));
    }
}
