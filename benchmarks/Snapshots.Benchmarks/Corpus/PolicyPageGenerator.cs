using System.Text;

namespace Snapshots.Benchmarks.Corpus;

/// <summary>
/// Renders a corpus document as a realistic policy page of about its target size: head with styles, scripts and JSON-LD;
/// site header and navigation; a cookie banner; the policy as nested sections (h1 to h4) with paragraphs, lists, tables
/// and links carrying tracking parameters; a related-links aside; a footer; trailing script bundles.
/// The same document and revision always give the same bytes. The revision changes exactly one sentence,
/// inside the text the declaration selects (<see cref="RetentionSentence"/>).
/// </summary>
public static class PolicyPageGenerator
{
    public static string RetentionSentence(int revision) =>
        $"We keep account records for {30 + revision} days after you close your account, unless the law requires longer.";

    public static byte[] Render(CorpusDocument document, int revision = 0) => Encoding.UTF8.GetBytes(RenderHtml(document, revision));

    public static string RenderHtml(CorpusDocument document, int revision = 0)
    {
        var prose = new LegalProse(new Random(document.Seed));
        var html = new StringBuilder(document.TargetBytes + 16 * 1024);
        AppendHead(html, document, prose);
        html.Append("<body>\n");
        AppendSiteHeader(html, document, prose);
        if (document.Layout == PageLayout.Article) AppendCookieBanner(html);
        html.Append("<main id=\"content\">\n");
        if (document.Layout == PageLayout.MainWithClutter)
        {
            html.Append("<nav class=\"breadcrumbs\"><a href=\"/\">Home</a> / <a href=\"/legal\">Legal</a> / ").Append(document.TermsType).Append("</nav>\n");
            AppendCookieBanner(html);
        }
        html.Append("<article class=\"policy\">\n<h1>").Append(document.TermsType).Append("</h1>\n");
        html.Append("<p class=\"updated\">Last updated: 3 March 2026</p>\n");
        html.Append("<div class=\"share\"><button>Print</button><button>Copy link</button></div>\n");

        var footer = Footer(document, prose);
        var sectionBudget = document.TargetBytes - footer.Length - 2048;
        var sections = new StringBuilder();
        var titles = new List<string>();
        for (var number = 1; html.Length + sections.Length < sectionBudget; number++)
        {
            var title = $"{number}. {prose.Topic()}";
            titles.Add(title);
            AppendSection(sections, number, title, prose, number == 1 ? RetentionSentence(revision) : null);
        }
        AppendTableOfContents(html, titles);
        html.Append(sections);
        html.Append("</article>\n");
        AppendRelated(html, prose);
        html.Append("</main>\n").Append(footer).Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendHead(StringBuilder html, CorpusDocument document, LegalProse prose)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>").Append(document.TermsType).Append(" | ").Append(document.PlatformName).Append("</title>\n");
        html.Append("<link rel=\"stylesheet\" href=\"/assets/site.4f2a9c.css\">\n<style>\n");
        var rules = 40 + document.TargetBytes / 8192;
        for (var i = 0; i < rules; i++)
            html.Append(".c").Append(i).Append("{margin:0 ").Append(i % 7).Append("px;padding:").Append(i % 5).Append("px 1rem;color:#").Append((i * 2654435761u % 0xFFFFFF).ToString("x6")).Append("}\n");
        html.Append("</style>\n<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-BENCH01');</script>\n");
        html.Append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"WebPage\",\"name\":\"").Append(document.TermsType).Append("\",\"publisher\":\"").Append(document.PlatformName).Append("\"}</script>\n");
        html.Append("</head>\n");
    }

    private static void AppendSiteHeader(StringBuilder html, CorpusDocument document, LegalProse prose)
    {
        html.Append("<header class=\"site-header\"><a class=\"logo\" href=\"/?utm_source=header\">").Append(document.PlatformName).Append("</a>\n<nav class=\"site-nav\"><ul>");
        foreach (var item in new[] { "Products", "Pricing", "Research", "Developers", "Customers", "Company", "Careers", "Blog" })
            html.Append("<li><a href=\"/").Append(item.ToLowerInvariant()).Append("?utm_source=nav&amp;utm_medium=header\">").Append(item).Append("</a></li>");
        html.Append("</ul></nav><button class=\"cta\">Try it free</button></header>\n");
    }

    private static void AppendCookieBanner(StringBuilder html) =>
        html.Append("<div class=\"cookie-banner\" role=\"dialog\"><p>We use cookies to improve your experience and to measure our audience. ")
            .Append("<a href=\"/legal/cookies?utm_source=banner\">Learn more</a></p><button>Accept all</button><button>Reject all</button><button>Customise</button></div>\n");

    private static void AppendTableOfContents(StringBuilder html, List<string> titles)
    {
        html.Append("<nav class=\"toc\"><h2>Contents</h2><ol>");
        for (var i = 0; i < titles.Count; i++) html.Append("<li><a href=\"#s").Append(i + 1).Append("\">").Append(titles[i]).Append("</a></li>");
        html.Append("</ol></nav>\n");
    }

    private static void AppendSection(StringBuilder html, int number, string title, LegalProse prose, string? retentionSentence)
    {
        html.Append("<section id=\"s").Append(number).Append("\">\n<h2>").Append(title).Append("</h2>\n");
        html.Append("<p>").Append(prose.ParagraphHtml(prose.Next(2, 5))).Append("</p>\n");
        if (retentionSentence is not null) html.Append("<p>").Append(retentionSentence).Append(' ').Append(prose.Sentence()).Append("</p>\n");
        var subsections = prose.Next(2, 5);
        for (var sub = 1; sub <= subsections; sub++)
        {
            html.Append("<h3>").Append(number).Append('.').Append(sub).Append(' ').Append(prose.Topic()).Append("</h3>\n");
            html.Append("<p>").Append(prose.ParagraphHtml(prose.Next(2, 6))).Append("</p>\n");
            switch (prose.Next(0, 4))
            {
                case 0: AppendList(html, prose); break;
                case 1: AppendTable(html, prose); break;
                case 2:
                    html.Append("<h4>").Append(number).Append('.').Append(sub).Append(".1 ").Append(prose.Topic()).Append("</h4>\n");
                    html.Append("<p>").Append(prose.ParagraphHtml(prose.Next(1, 4))).Append("</p>\n");
                    AppendList(html, prose);
                    break;
                default: html.Append("<p>").Append(prose.ParagraphHtml(prose.Next(1, 3))).Append("</p>\n"); break;
            }
        }
        html.Append("</section>\n");
    }

    private static void AppendList(StringBuilder html, LegalProse prose)
    {
        var ordered = prose.Next(0, 2) == 0;
        html.Append(ordered ? "<ol>" : "<ul>");
        var items = prose.Next(3, 7);
        for (var i = 0; i < items; i++) html.Append("\n<li>").Append(prose.ParagraphHtml(1)).Append("</li>");
        html.Append(ordered ? "\n</ol>\n" : "\n</ul>\n");
    }

    private static void AppendTable(StringBuilder html, LegalProse prose)
    {
        html.Append("<table>\n<thead><tr><th>Category</th><th>Purpose</th><th>Retention</th></tr></thead>\n<tbody>");
        var rows = prose.Next(3, 8);
        for (var i = 0; i < rows; i++)
            html.Append("\n<tr><td>").Append(prose.Topic()).Append("</td><td>").Append(prose.Sentence()).Append("</td><td>").Append(prose.Next(7, 400)).Append(" days</td></tr>");
        html.Append("\n</tbody>\n</table>\n");
    }

    private static void AppendRelated(StringBuilder html, LegalProse prose)
    {
        html.Append("<aside class=\"related\"><h2>Related documents</h2><ul>");
        for (var i = 0; i < 6; i++) html.Append("<li><a href=\"").Append(prose.Link()).Append("\">").Append(prose.Topic()).Append("</a></li>");
        html.Append("</ul></aside>\n");
    }

    private static string Footer(CorpusDocument document, LegalProse prose)
    {
        var footer = new StringBuilder("<footer class=\"site-footer\"><div class=\"columns\">");
        for (var column = 0; column < 4; column++)
        {
            footer.Append("<ul>");
            for (var i = 0; i < 6; i++) footer.Append("<li><a href=\"").Append(prose.Link()).Append("\">").Append(prose.Topic()).Append("</a></li>");
            footer.Append("</ul>");
        }
        footer.Append("</div><p>© 2026 ").Append(document.PlatformName).Append(". All rights reserved.</p></footer>\n");
        footer.Append("<script src=\"/assets/app.8c1e7d.js\" defer></script>\n<script>");
        var bundle = Math.Max(2048, document.TargetBytes / 12);
        for (var i = 0; footer.Length < bundle; i++)
            footer.Append("function m").Append(i).Append("(e,t){var n=e.querySelector('[data-m").Append(i).Append("]');if(n){n.addEventListener('click',function(){t.track('").Append(prose.Word()).Append("',").Append(i).Append(")})}}\n");
        footer.Append("</script>\n");
        return footer.ToString();
    }
}
