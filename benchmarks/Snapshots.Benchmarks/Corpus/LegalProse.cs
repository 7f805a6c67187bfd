using System.Text;

namespace Snapshots.Benchmarks.Corpus;

/// <summary>Seeded legal-sounding sentences, headings and link targets: enough variety that pages do not compress to nothing or repeat verbatim.</summary>
public sealed class LegalProse(Random random)
{
    private static readonly string[] Subjects =
    [
        "We", "Our service providers", "The Company", "Your organisation's administrator", "Affiliates acting on our behalf",
        "You", "Authorised users", "Sub-processors we engage", "Our support team", "Automated systems we operate",
    ];
    private static readonly string[] Verbs =
    [
        "collect", "process", "retain", "disclose", "anonymise", "aggregate", "transfer", "review", "delete", "store", "encrypt", "share",
    ];
    private static readonly string[] Objects =
    [
        "account information", "the prompts and outputs you submit", "usage data and diagnostics", "billing and payment details",
        "content you upload to the workspace", "device identifiers and log files", "communications with our support team",
        "information received from single sign-on providers", "feedback you choose to give us", "fine-tuning datasets",
        "the metadata of API requests", "telemetry from our client libraries",
    ];
    private static readonly string[] Conditions =
    [
        "where this is necessary to perform our contract with you", "to comply with a legal obligation",
        "on the basis of our legitimate interests, which we have balanced against your rights",
        "only with your prior consent, which you may withdraw at any time", "for no longer than is necessary for the purposes described",
        "subject to appropriate safeguards such as standard contractual clauses", "unless you have opted out in your account settings",
        "in accordance with the Data Processing Agreement", "to detect, prevent and investigate abuse of the service",
        "as described in the section on international transfers",
    ];
    private static readonly string[] Topics =
    [
        "Information we collect", "How we use information", "Legal bases for processing", "Data retention", "International transfers",
        "Your rights", "Security", "Children", "Sub-processors", "Model training", "Cookies and similar technologies",
        "Acceptable use", "Prohibited content", "Fees and payment", "Termination", "Limitation of liability", "Indemnification",
        "Governing law", "Changes to these terms", "Contact us", "Confidentiality", "Intellectual property", "Warranties", "Disputes",
    ];
    private static readonly string[] LinkTargets =
    [
        "https://help.example.com/articles/data-export", "https://example.com/legal/dpa", "https://example.com/legal/subprocessors",
        "https://status.example.com/", "https://example.com/security/report", "https://docs.example.com/api/data-retention",
        "https://example.com/contact?topic=privacy", "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
    ];
    private static readonly string[] TrackingSuffixes =
    [
        "utm_source=policy&utm_medium=web&utm_campaign=legal", "fbclid=IwAR2x7Fq9", "gclid=Cj0KCQiA", "utm_content=footer&sessionid=4f9a2c",
        "", "",
    ];

    public string Topic() => Pick(Topics);

    public string Sentence()
    {
        var sentence = $"{Pick(Subjects)} may {Pick(Verbs)} {Pick(Objects)} {Pick(Conditions)}";
        return random.Next(4) == 0 ? $"{sentence}, and {Pick(Verbs)} {Pick(Objects)} {Pick(Conditions)}." : sentence + ".";
    }

    /// <summary>A paragraph's inner HTML: sentences with the odd emphasis and a link carrying tracking parameters.</summary>
    public string ParagraphHtml(int sentences)
    {
        var html = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            if (i > 0) html.Append(' ');
            var sentence = Sentence();
            switch (random.Next(8))
            {
                case 0: html.Append("<strong>").Append(sentence).Append("</strong>"); break;
                case 1: html.Append(sentence[..^1]).Append(" (see <a href=\"").Append(Link()).Append("\">").Append(Pick(Topics).ToLowerInvariant()).Append("</a>)."); break;
                case 2: html.Append("<em>").Append(sentence).Append("</em>"); break;
                default: html.Append(sentence); break;
            }
        }
        return html.ToString();
    }

    public string Link()
    {
        var target = Pick(LinkTargets);
        var tracking = Pick(TrackingSuffixes);
        return tracking.Length == 0 ? target : target + (target.Contains('?') ? "&" : "?") + tracking.Replace("&", "&amp;");
    }

    public string Word() => Pick(Verbs);

    public int Next(int min, int max) => random.Next(min, max);

    private string Pick(string[] items) => items[random.Next(items.Length)];
}
