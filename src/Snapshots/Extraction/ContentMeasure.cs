using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Snapshots.Extraction;

/// <summary>
/// The rendered text of selected content measured element by element, in one walk: how many words, how many of them are
/// link text, heading text or prose, how many links lead to other pages or within the page, which interactive controls
/// there are, and whether the text speaks of cookies or consent or holds a date. What the structural site-chrome rules
/// (<see cref="SiteNavigation"/>, <see cref="ConsentInterface"/>, <see cref="AnnouncementBars"/>) decide on. Only text that
/// is rendered counts (<see cref="ContentVisibility"/>); a word is a run of letters or digits, or one CJK character.
/// Stale once the content changes: measure again after removing anything (<see cref="Again"/>, which reads no text twice).
/// </summary>
internal sealed partial class ContentMeasure
{
    /// <summary>A block holding at least this many words outside links and headings is prose: a sentence of the document.</summary>
    public const int ProseBlockWords = 8;

    /// <summary>What one element holds, its descendants included.</summary>
    internal readonly record struct Measure(
        int Words = 0,
        int LinkWords = 0,
        int OtherPageLinks = 0,
        int SameSiteLinks = 0,
        int SamePageLinks = 0,
        int HeadingWords = 0,
        int Headings = 0,
        int ProseWords = 0,
        int ProseWithoutConsentWords = 0,
        int Controls = 0,
        int ConsentControls = 0,
        bool HasH1 = false,
        bool SpeaksOfConsent = false,
        bool HasDate = false)
    {
        /// <summary>Words outside links and headings.</summary>
        public int PlainWords => Words - LinkWords - HeadingWords;

        public static Measure operator +(Measure a, Measure b) => new(
            a.Words + b.Words, a.LinkWords + b.LinkWords, a.OtherPageLinks + b.OtherPageLinks, a.SameSiteLinks + b.SameSiteLinks, a.SamePageLinks + b.SamePageLinks,
            a.HeadingWords + b.HeadingWords, a.Headings + b.Headings, a.ProseWords + b.ProseWords, a.ProseWithoutConsentWords + b.ProseWithoutConsentWords,
            a.Controls + b.Controls, a.ConsentControls + b.ConsentControls,
            a.HasH1 || b.HasH1, a.SpeaksOfConsent || b.SpeaksOfConsent, a.HasDate || b.HasDate);
    }

    private readonly Dictionary<INode, Measure> _measures;
    private readonly LinkTarget _links;
    private readonly string _site;
    private readonly Action? _tick;

    /// <summary>What was read of each text node and each link, kept for measuring the same content again.</summary>
    private readonly Dictionary<IText, TextFacts> _texts;
    private readonly Dictionary<string, LinkKind> _kinds;

    /// <param name="tick">Called at every node measured: checks the extraction's budget (<see cref="SelectedContent.Tick"/>).</param>
    public ContentMeasure(IReadOnlyList<INode> roots, LinkTarget links, Uri pageUrl, Action? tick = null)
        : this(roots, links, SiteOf(pageUrl.Host), tick, new(ReferenceEqualityComparer.Instance), new(StringComparer.Ordinal), 0)
    {
    }

    private ContentMeasure(IReadOnlyList<INode> roots, LinkTarget links, string site, Action? tick, Dictionary<IText, TextFacts> texts, Dictionary<string, LinkKind> kinds,
        int elements)
    {
        _measures = new(elements, ReferenceEqualityComparer.Instance);
        _links = links;
        _tick = tick;
        _site = site;
        _texts = texts;
        _kinds = kinds;
        Total = default;
        foreach (var root in roots) Total += Visit(root, new Walk(null, InLink: false, InHeading: false), isRoot: true);
    }

    /// <summary>
    /// The same content measured again after elements were removed from it. A text node is the same string in the same
    /// place (removing an element leaves the rest where it was), so what was read of its words, consent and dates is reused,
    /// and only the sums are made again.
    /// </summary>
    public ContentMeasure Again(IReadOnlyList<INode> roots) => new(roots, _links, _site, _tick, _texts, _kinds, _measures.Count);

    /// <summary>Checks the extraction's budget (a walk that uses this measure calls it at every step).</summary>
    public void Tick() => _tick?.Invoke();

    /// <summary>The whole selection.</summary>
    public Measure Total { get; }

    /// <summary>Whether the element's own words (not those of blocks inside it) make it a paragraph of prose.</summary>
    public bool IsProseBlock(IElement element) => _ownProse.Contains(element);

    private readonly HashSet<INode> _ownProse = new(ReferenceEqualityComparer.Instance);

    /// <summary>The measure of an element (or a fragment root); nothing for one that is not rendered (or not in the content).</summary>
    public Measure Of(INode node) => _measures.TryGetValue(node, out var measure) ? measure : default;

    /// <summary>Where a text node is: the block its plain words count towards, and whether it is link or heading text.</summary>
    private readonly record struct Walk(BlockWords? Block, bool InLink, bool InHeading);

    /// <summary>The plain words of one block (outside links and headings) and whether its text speaks of cookies, consent or what consent is asked for.</summary>
    private sealed class BlockWords
    {
        public int Plain;
        public bool Consent;
    }

    private Measure Visit(INode node, Walk walk, bool isRoot = false)
    {
        _tick?.Invoke();
        switch (node)
        {
            case IText text:
                return OfText(text, walk);
            case IElement element:
                return VisitElement(element, walk, isRoot);
            case IDocumentFragment or IDocument:
            {
                var block = new BlockWords();
                var sum = Prose(VisitChildren(node, walk with { Block = block }), block);
                _measures[node] = sum;
                return sum;
            }
            default:
                return default;
        }
    }

    private Measure VisitElement(IElement element, Walk walk, bool isRoot)
    {
        var name = element.LocalName;
        var measure = default(Measure);
        if (IsControl(element))
        {
            var label = ControlLabel(element);
            var toggle = IsToggle(element);
            measure = new Measure(Controls: 1, ConsentControls: toggle || ConsentVerb().IsMatch(label) ? 1 : 0, SpeaksOfConsent: SpeaksOfConsent(label));
        }
        if (ContentVisibility.IsDropped(element, isRoot))
        {
            _measures[element] = measure;
            return measure;
        }
        if (element.GetAttribute("aria-label") is { } ariaLabel && SpeaksOfConsent(ariaLabel)) measure = measure with { SpeaksOfConsent = true };

        var heading = name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6";
        if (name == "h1") measure = measure with { HasH1 = true };
        var link = name == "a" && !walk.InLink && element.HasAttribute("href");
        var block = IsBlock(name) ? new BlockWords() : null;
        var inner = walk with
        {
            Block = block ?? walk.Block,
            InLink = walk.InLink || link,
            InHeading = walk.InHeading || heading,
        };
        var children = VisitChildren(element, inner);
        if (link && children.Words > 0)
            children += KindOf(element) switch
            {
                LinkKind.SamePage => new Measure(SamePageLinks: 1),
                LinkKind.SameSite => new Measure(OtherPageLinks: 1, SameSiteLinks: 1),
                _ => new Measure(OtherPageLinks: 1),
            };
        if (heading && children.Words > 0) children += new Measure(Headings: 1);
        if (block is not null)
        {
            if (block.Plain >= ProseBlockWords) _ownProse.Add(element);
            children = Prose(children, block);
        }
        measure += children;
        _measures[element] = measure;
        return measure;
    }

    private Measure VisitChildren(INode node, Walk walk)
    {
        var sum = default(Measure);
        foreach (var child in node.ChildNodes) sum += Visit(child, walk);
        return sum;
    }

    private static Measure Prose(Measure measure, BlockWords block) => block.Plain < ProseBlockWords ? measure : measure with
    {
        ProseWords = measure.ProseWords + block.Plain,
        ProseWithoutConsentWords = measure.ProseWithoutConsentWords + (block.Consent ? 0 : block.Plain),
    };

    /// <summary>What a text node says, read once: its words, whether it speaks of consent or of what consent is asked for, whether it holds a date.</summary>
    private readonly record struct TextFacts(int Words, bool Consent, bool ConsentTopic, bool Date);

    private Measure OfText(IText node, Walk walk)
    {
        if (!_texts.TryGetValue(node, out var facts)) _texts[node] = facts = Read(node.Data);
        var words = facts.Words;
        if (words == 0) return default;
        if (walk.Block is { } block)
        {
            if (!walk.InLink && !walk.InHeading) block.Plain += words;
            block.Consent |= facts.Consent || facts.ConsentTopic;
        }
        return new Measure(Words: words, LinkWords: walk.InLink ? words : 0, HeadingWords: walk.InHeading && !walk.InLink ? words : 0, SpeaksOfConsent: facts.Consent, HasDate: facts.Date);
    }

    private static TextFacts Read(string text)
    {
        var words = CountWords(text);
        if (words == 0) return default;
        var consent = SpeaksOfConsent(text);
        var topic = !consent && text.AsSpan().IndexOfAny(ConsentTopics) >= 0;
        // A date has digits: the regular expression only where it can match.
        var date = text.AsSpan().IndexOfAnyInRange('0', '9') >= 0 && DateLike().IsMatch(text);
        return new TextFacts(words, consent, topic, date);
    }

    private enum LinkKind { SamePage, SameSite, OtherSite }

    /// <summary>Where a link leads (read once per distinct href): within the page, to the page's own site (its host or a subdomain of its site: docs.example.ai for example.ai), or elsewhere.</summary>
    private LinkKind KindOf(IElement link)
    {
        var href = link.GetAttribute("href") ?? "";
        if (_kinds.TryGetValue(href, out var kind)) return kind;
        kind = _links.UrlOf(link) is not { } url ? LinkKind.SamePage
            : Uri.TryCreate(url, UriKind.Absolute, out var target) && target.Scheme is "http" or "https" && SiteOf(target.Host) == _site ? LinkKind.SameSite
            : LinkKind.OtherSite;
        return _kinds[href] = kind;
    }


    /// <summary>
    /// The site a host belongs to: its last two labels, or three when the last two look like a country's second level
    /// (example.co.uk).
    /// </summary>
    internal static string SiteOf(string host)
    {
        var labels = host.ToLowerInvariant().TrimEnd('.').Split('.');
        var take = labels.Length >= 3 && labels[^1].Length == 2 && labels[^2].Length <= 3 ? 3 : 2;
        return string.Join('.', labels.TakeLast(Math.Min(take, labels.Length)));
    }

    /// <summary>Runs of letters or digits, each CJK character (Han, kana, Hangul) counting as a word of its own.</summary>
    public static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (c <= '\x7F')
            {
                // Most text is ASCII: one test, not the CJK ranges and a Unicode category.
                var letterOrDigit = char.IsAsciiLetterOrDigit(c);
                if (letterOrDigit && !inWord) words++;
                inWord = letterOrDigit;
            }
            else if (IsCjk(c))
            {
                words++;
                inWord = false;
            }
            else if (char.IsLetterOrDigit(c))
            {
                if (!inWord) words++;
                inWord = true;
            }
            else
            {
                inWord = false;
            }
        }
        return words;
    }

    private static bool IsCjk(char c) => c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF');

    internal static bool IsBlock(string name) =>
        MarkdownRenderer.IsBlock(name) || name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "ul" or "ol" or "table" or "blockquote" or "pre";

    private static readonly HashSet<string> ControlRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "button", "switch", "checkbox", "radio", "tab", "menuitem", "menuitemcheckbox", "menuitemradio", "option", "slider", "combobox",
    };

    /// <summary>An interactive control: a form control (not a hidden input) or an element with a widget role.</summary>
    public static bool IsControl(IElement element) => element.LocalName switch
    {
        "button" or "select" or "textarea" => true,
        "input" => !string.Equals(element.GetAttribute("type"), "hidden", StringComparison.OrdinalIgnoreCase),
        _ => element.GetAttribute("role") is { } role && ControlRoles.Contains(role.Trim()),
    };

    private static bool IsToggle(IElement element) =>
        (element.LocalName == "input" && element.GetAttribute("type")?.Trim().ToLowerInvariant() is "checkbox" or "radio")
        || element.GetAttribute("role")?.Trim().ToLowerInvariant() is "switch" or "checkbox" or "radio";

    private static string ControlLabel(IElement element) =>
        string.Join(' ', element.TextContent, element.GetAttribute("value") ?? "", element.GetAttribute("aria-label") ?? "", element.GetAttribute("title") ?? "");

    /// <summary>Cookies or consent, in English and the languages consent banners are most often written in (case-insensitive).</summary>
    public static bool SpeaksOfConsent(string text) =>
        text.AsSpan().IndexOfAny(ConsentWords) >= 0 || SpeaksOfConsentInCjk(text);

    private static bool SpeaksOfConsentInCjk(string text)
    {
        foreach (var word in CjkConsentWords)
            if (text.Contains(word, StringComparison.Ordinal)) return true;
        return false;
    }

    // The ASCII words as one set, searched vectorized and case-insensitively; one word outside ASCII in it would make every
    // search a character-by-character one (a quarter of the measure's time on real pages). The CJK words (they have no case)
    // each by a vectorized ordinal search: as a set of their own they were searched character by character through a
    // dictionary, 2% of a first check.
    private static readonly System.Buffers.SearchValues<string> ConsentWords = System.Buffers.SearchValues.Create(
        ["cookie", "consent", "legitimate interest", "einwilligung", "zustimmung", "toestemming", "samtyck", "samtykke"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly string[] CjkConsentWords = ["同意", "クッキー", "쿠키"];

    /// <summary>
    /// What the paragraphs of a consent preference centre speak of besides cookies and consent: vendors and partners, the IAB
    /// purposes (store and/or access information on a device, personalised advertising, measuring performance, profiles).
    /// Used only to tell a panel of consent controls from a document's prose (<see cref="Measure.ProseWithoutConsentWords"/>).
    /// </summary>
    private static readonly System.Buffers.SearchValues<string> ConsentTopics = System.Buffers.SearchValues.Create(
        ["vendor", "partner", "advertis", "personalis", "personaliz", "purpose", "tracking", "analytic", "measure", "profile", "audience", "device", "geolocation"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>What the buttons of a consent banner say: accept, reject, allow, save my choices, manage preferences.</summary>
    [GeneratedRegex(@"\b(accept|reject|decline|deny|allow|agree|disagree|refuse|save|confirm|customi[sz]e|manage|preferences|settings|necessary|essential|opt[ -]?(in|out)|got it|understood|ok(ay)?|akzeptieren|ablehnen|zulassen|accepter|refuser|aceptar|rechazar|accetta|rifiuta|aceitar|rejeitar|accepteren|weigeren)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConsentVerb();

    /// <summary>A calendar date: a month name with a day or year, an ISO or numeric date, or a CJK year-month date.</summary>
    [GeneratedRegex(@"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?\s+\d{1,4}\b|\b\d{1,2}(st|nd|rd|th)?\s+(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\d{4}\s*年\s*\d{1,2}\s*月", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex DateLike();
}
