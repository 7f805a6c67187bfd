using Snapshots.Text;
using Snapshots.Provisions;

namespace Snapshots.Tests.Provisions;

public class ProvisionSplitterTests
{
    /// <summary>A privacy policy as MarkdownRenderer writes one: headings, paragraphs, a list with its lead-in, a table.</summary>
    private const string PrivacyPolicy = """
        # Privacy Policy

        Last updated: September 25, 2026

        ## 2. Data we collect

        We collect the following data:

        - Account data: name, email address and billing details.
        - Inputs and outputs: the prompts you send and the responses generated.

        ## 3. How we use your data

        ### 3.1 Model improvement

        We do not use inputs and outputs of API customers to train our models.

        ## 4. Lawful bases

        | Purpose | Legal basis |
        | --- | --- |
        | Providing the Services | Performance of a contract |
        | Product improvement | Legitimate interest |
        """;

    [Fact]
    public void Every_provision_is_a_range_of_the_version_text_with_its_hash()
    {
        var provisions = ProvisionSplitter.Split(PrivacyPolicy);

        Assert.Equal(
            [
                "Last updated: September 25, 2026",
                "We collect the following data:",
                "Account data: name, email address and billing details.",
                "Inputs and outputs: the prompts you send and the responses generated.",
                "We do not use inputs and outputs of API customers to train our models.",
                "| Providing the Services | Performance of a contract |",
                "| Product improvement | Legitimate interest |",
            ],
            provisions.Select(p => p.Text(PrivacyPolicy)));
        Assert.Equal(Enumerable.Range(0, provisions.Count), provisions.Select(p => p.Ordinal));
        foreach (var provision in provisions)
        {
            Assert.Equal(Sha256Hex.Of(PrivacyPolicy.Substring(provision.Range.Start, provision.Range.Length)), provision.Sha256);
            Assert.Matches("^[0-9a-f]{64}$", provision.Sha256);
        }
    }

    [Fact]
    public void Kinds_heading_paths_and_contexts()
    {
        var provisions = ProvisionSplitter.Split(PrivacyPolicy);

        Assert.Equal(
            [ProvisionKind.Paragraph, ProvisionKind.Paragraph, ProvisionKind.ListItem, ProvisionKind.ListItem, ProvisionKind.Paragraph, ProvisionKind.TableRow, ProvisionKind.TableRow],
            provisions.Select(p => p.Kind));
        Assert.Equal(["Privacy Policy"], provisions[0].HeadingPath);
        Assert.Equal(["Privacy Policy", "3. How we use your data", "3.1 Model improvement"], provisions[4].HeadingPath);
        Assert.Equal("Privacy Policy > 3. How we use your data > 3.1 Model improvement", provisions[4].Path);

        // A list item is read with its lead-in, a table row with the header row.
        Assert.Equal(["We collect the following data:"], provisions[2].Context.Select(c => c.Of(PrivacyPolicy)));
        Assert.Equal(["| Purpose | Legal basis |"], provisions[6].Context.Select(c => c.Of(PrivacyPolicy)));
        Assert.Equal("| Purpose | Legal basis |\n| Product improvement | Legitimate interest |", provisions[6].QuotedText(PrivacyPolicy));
        Assert.Empty(provisions[4].Context);
    }

    [Fact]
    public void Slugs_are_readable_bounded_and_unique()
    {
        var provisions = ProvisionSplitter.Split(PrivacyPolicy);

        Assert.Equal("model-improvement-we-do-not-use-inputs-and", provisions[4].Slug);
        Assert.Equal("lawful-bases-product-improvement-legitimate-interest", provisions[6].Slug);
        Assert.All(provisions, p => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", p.Slug));
        Assert.All(provisions, p => Assert.InRange(p.Slug.Length, 1, ProvisionSlug.MaxLength));
        Assert.Equal(provisions.Count, provisions.Select(p => p.Slug).Distinct().Count());

        var repeated = ProvisionSplitter.Split("# Terms\n\nThe same words here.\n\nThe same words here.\n");
        Assert.Equal(["terms-the-same-words-here", "terms-the-same-words-here-2"], repeated.Select(p => p.Slug));
    }

    [Fact]
    public void Numbered_clauses_written_as_paragraphs_and_their_sub_items()
    {
        const string terms = """
            ## 3. Term and termination

            3.1 Term. These Terms apply from the day you accept them.

            3.2 Termination. We may terminate your account if:

            (a) you breach these Terms;

            (b) you do not pay the fees when due.

            3.3 Effect. On termination your licence ends.
            """;

        var provisions = ProvisionSplitter.Split(terms);

        Assert.Equal(["3.1 Term. These Terms", "3.2 Termination. We may", "(a) you breach these", "(b) you do not", "3.3 Effect. On termination"],
            provisions.Select(p => string.Join(' ', p.Text(terms).Split(' ').Take(4))));
        Assert.All(provisions, p => Assert.Equal(ProvisionKind.Clause, p.Kind));
        Assert.Equal(["3.2 Termination. We may terminate your account if:"], provisions[2].Context.Select(c => c.Of(terms)));
        Assert.Equal(["3.2 Termination. We may terminate your account if:"], provisions[3].Context.Select(c => c.Of(terms)));
        Assert.Empty(provisions[4].Context); // a clause of its own ends the enumeration
        Assert.Equal("term-and-termination-term-these-terms-apply-from-the", provisions[0].Slug); // no clause number in the slug
    }

    [Fact]
    public void Nested_lists_read_each_item_with_its_lead_in_and_its_parent()
    {
        const string policy = """
            ## Sharing

            We share personal data with:

            - Service providers, such as:
              - hosting providers;
              - payment processors.
            - Authorities, when the law requires it.
            """;

        var provisions = ProvisionSplitter.Split(policy);

        Assert.Equal(["Service providers, such as:", "hosting providers;", "payment processors.", "Authorities, when the law requires it."],
            provisions.Skip(1).Select(p => p.Text(policy)));
        Assert.All(provisions.Skip(1), p => Assert.Equal(ProvisionKind.ListItem, p.Kind));
        Assert.Equal(["We share personal data with:", "Service providers, such as:"], provisions[2].Context.Select(c => c.Of(policy)));
        Assert.Equal(["We share personal data with:"], provisions[4].Context.Select(c => c.Of(policy)));
    }

    [Fact]
    public void A_list_item_holds_its_continuation_lines()
    {
        const string policy = "## Analytics\n\n1. **Analytics.**\n  We may use third-party analytics services.\n2. **Advertising.**\n  We may allow partners to place cookies.\n";

        var provisions = ProvisionSplitter.Split(policy);

        Assert.Equal(["**Analytics.**\n  We may use third-party analytics services.", "**Advertising.**\n  We may allow partners to place cookies."],
            provisions.Select(p => p.Text(policy)));
    }

    [Fact]
    public void Headings_bare_numbers_rules_menus_and_tables_of_contents_are_no_provisions()
    {
        const string page = """
            - [Pricing](https://example.com/pricing)
            - [Security](https://example.com/security)

            # Terms of Use

            - Definitions
            - License

            1.

            ## Definitions

            The following terms have the meanings set forth below.

            ---

            ## License

            We grant you a limited licence to use the software.
            """;

        var provisions = ProvisionSplitter.Split(page);

        Assert.Equal(["The following terms have the meanings set forth below.", "We grant you a limited licence to use the software."],
            provisions.Select(p => p.Text(page)));
    }

    [Fact]
    public void Short_title_paragraphs_read_as_headings()
    {
        const string terms = """
            ## Billing

            **Invoices and Records**

            We issue monthly invoices.

            No Refunds

            All fees are non-refundable.

            **We do not sell your data.**
            """;

        var provisions = ProvisionSplitter.Split(terms);

        Assert.Equal(["We issue monthly invoices.", "All fees are non-refundable.", "**We do not sell your data.**"], provisions.Select(p => p.Text(terms)));
        Assert.Equal(["Billing", "Invoices and Records"], provisions[0].HeadingPath);
        Assert.Equal(["Billing", "No Refunds"], provisions[1].HeadingPath);
    }

    [Fact]
    public void A_title_line_at_the_start_of_a_paragraph_is_its_heading()
    {
        const string policy = "# Policy\n\n**1.5 Personalisation**\nWe recommend content based on your activity.\n";

        var provision = Assert.Single(ProvisionSplitter.Split(policy));

        Assert.Equal("We recommend content based on your activity.", provision.Text(policy));
        Assert.Equal(["Policy", "1.5 Personalisation"], provision.HeadingPath);
    }

    [Fact]
    public void Windows_line_endings_and_text_without_headings()
    {
        const string text = "First paragraph of the text.\r\n\r\nSecond paragraph,\r\nreflowed.\r\n";

        var provisions = ProvisionSplitter.Split(text);

        Assert.Equal(["First paragraph of the text.", "Second paragraph,\r\nreflowed."], provisions.Select(p => p.Text(text)));
        Assert.All(provisions, p => Assert.Empty(p.HeadingPath));
        Assert.Empty(ProvisionSplitter.Split(""));
    }

    [Fact]
    public void Chinese_sentences_written_without_spaces_are_provisions()
    {
        const string policy = "# 隐私政策\n\n我们会保留你输入的信息以便向你提供服务。\n";

        var provision = Assert.Single(ProvisionSplitter.Split(policy));

        Assert.Equal("我们会保留你输入的信息以便向你提供服务。", provision.Text(policy));
        Assert.StartsWith("yin", provision.Slug);
    }

    [Fact]
    public void Fenced_code_is_text_not_headings()
    {
        const string text = "# Real\n\n```\n# not a heading\n\nstill code\n```\n";

        var provision = Assert.Single(ProvisionSplitter.Split(text));

        Assert.Equal(["Real"], provision.HeadingPath);
        Assert.Contains("# not a heading", provision.Text(text));
    }
}
