using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;
using AngleSharp.Html.Parser;
using Snapshots.Extraction;

namespace Snapshots.Tests.Extraction;

public sealed class SelectorPrefilterTests
{
    private static readonly string[] Tricky =
    [
        "div:not(.keep)", "main p.lead", "*", "[ID=\"Upper\"]", ".A", "p, #Top", "[data-x]", "a[href$=\".pdf\" i]",
        "[class~=\"two words\"]", "section > .inner", "li:nth-child(2)", "[id^=\"sp_\"]", "[class*=\"Bar_\"]",
    ];

    private const string Page = """
        <main id="Top" class="a lead"><p class="lead A">one</p><div class="keep">two</div><div>three</div>
        <section><span class="inner x">four</span></section><ul><li>1</li><li id="upper">2</li></ul>
        <a href="/doc.PDF">pdf</a><p data-x="">x</p><p class="two words">w</p><div id="sp_message_container_1">sp</div>
        <div class="announcementBar_abc">bar</div><div id="onetrust-consent-sdk"><p>we and our partners</p></div>
        <div class="cookie-banner extra">cookies</div><div class="d-print-none">print</div><a href="https://x.test/?utm_campaign=poweredBy">badge</a>
        <div id="ONETRUST-CONSENT-SDK">upper</div><p class="	cookie-banner	">tabs</p><b>bare</b></main>
        """;

    private static ISelector Parse(string selector) => new CssSelectorParser().ParseSelector(selector)!;

    public static TheoryData<string> Documents => new()
    {
        "<!DOCTYPE html><html><body>" + Page + "</body></html>", // standards mode
        "<html><body>" + Page + "</body></html>",                 // quirks mode: ids and classes match without case
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_element_a_selector_matches_is_among_its_candidates(string html)
    {
        var selectors = SiteChromeRules.All.Select(rule => rule.Selector).Concat(Tricky).Select(Parse).ToList();
        var prefilter = new SelectorPrefilter(selectors);
        using var document = new HtmlParser().ParseDocument(html);
        var matched = 0;

        foreach (var element in document.All)
        {
            var candidates = prefilter.CandidatesFor(element);
            for (var i = 0; i < selectors.Count; i++)
            {
                if (!selectors[i].Match(element, null)) continue;
                matched++;
                Assert.True((candidates & (1UL << i)) != 0, $"{selectors[i].Text} matches <{element.LocalName} {string.Join(' ', element.Attributes.Select(a => a.Name + "=" + a.Value))}> but was not a candidate");
            }
        }
        Assert.True(matched > 30, $"only {matched} matches: the fixture no longer exercises the selectors");
    }

    [Fact]
    public void Only_the_rules_an_element_could_match_are_candidates()
    {
        var selectors = SiteChromeRules.All.Select(rule => Parse(rule.Selector)).ToList();
        var prefilter = new SelectorPrefilter(selectors);
        using var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + Page + "</body></html>");
        int RuleOf(string selector) => SiteChromeRules.All.ToList().FindIndex(rule => rule.Selector.Contains(selector, StringComparison.Ordinal));

        var bare = prefilter.CandidatesFor(document.QuerySelector("b")!);
        var banner = prefilter.CandidatesFor(document.QuerySelector("div.cookie-banner")!);
        var plainClass = prefilter.CandidatesFor(document.QuerySelector("div.keep")!);

        Assert.Equal(0UL, bare);
        Assert.Equal(1UL << RuleOf("[class~=\"cookie-banner\"]"), banner & (1UL << RuleOf("[class~=\"cookie-banner\"]")));
        Assert.Equal(0UL, banner & (1UL << RuleOf("#onetrust-consent-sdk")));
        // An element with a class that no rule names is a candidate only for the rules that look at any class value.
        Assert.Equal(0UL, plainClass & (1UL << RuleOf("#onetrust-consent-sdk")));
        Assert.True(System.Numerics.BitOperations.PopCount(plainClass) <= 2, $"{System.Numerics.BitOperations.PopCount(plainClass)} candidates");
    }

    [Fact]
    public void More_selectors_than_bits_are_refused()
    {
        var selectors = Enumerable.Range(0, 65).Select(i => Parse($"#id{i}")).ToList();

        var error = Assert.Throws<ArgumentException>(() => new SelectorPrefilter(selectors));

        Assert.Contains("at most 64 selectors", error.Message);
    }
}
