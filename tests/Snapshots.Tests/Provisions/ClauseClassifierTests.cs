using Snapshots.Changes;
using Snapshots.Provisions;

namespace Snapshots.Tests.Provisions;

public class ClauseClassifierTests
{
    private static readonly ClauseClassifier Classifier = new(ClauseTypeCatalog.Parse(ClauseTypeCatalog.EmbeddedJson()));

    private static IReadOnlyList<string> Types(string text) => Classifier.Classify(text).Select(m => m.TypeId).ToList();

    private static ClauseMatch Single(string text, string typeId) => Assert.Single(Classifier.Classify(text), m => m.TypeId == typeId);

    [Fact]
    public void A_negated_training_statement_is_the_no_training_type_with_its_negation_as_evidence()
    {
        const string text = "We do not use your content to train our models.";

        var types = Types(text);

        Assert.DoesNotContain("training-on-user-content", types);
        var match = Single(text, "no-training-on-user-content");
        Assert.Equal(ClauseConfidence.Explicit, match.Confidence);
        Assert.Contains(match.Evidence, e => e.Role == MatchedWords.NegationRole && e.Words == "not");
        Assert.Contains(match.Evidence, e => e.Role == MatchedWords.MatchRole && e.Words.Contains("train", StringComparison.Ordinal));
    }

    [Fact]
    public void An_opt_out_sentence_after_a_training_sentence_is_an_inferred_training_opt_out_with_its_own_words()
    {
        const string text = "We may use your conversations to train our models. You can opt out at any time in your settings.";

        var match = Single(text, "training-opt-out");

        Assert.Equal(ClauseConfidence.Inferred, match.Confidence);
        var words = Assert.Single(match.Evidence);
        Assert.Equal(MatchedWords.CueRole, words.Role);
        Assert.Equal("opt out", words.Words);
        Assert.True(words.Start > text.IndexOf("You can", StringComparison.Ordinal));
        Assert.Contains("training-on-user-content", Types(text));
    }

    [Theory]
    [InlineData("You can opt out at any time in your settings.")]
    [InlineData("We may use your conversations to train our models. You cannot opt out.")]
    [InlineData("We may use your conversations to train our models. You may opt out of marketing emails at any time.")]
    [InlineData("We do not use your conversations to train our models. You can opt out of cookies in your settings.")]
    public void An_opt_out_without_a_training_topic_or_denied_or_about_something_else_is_no_training_opt_out(string text) =>
        Assert.DoesNotContain("training-opt-out", Types(text));

    [Fact]
    public void An_opt_out_after_a_training_sentence_that_excepts_a_product_is_the_carve_out()
    {
        const string text = "We may use your conversations to train our models. You can opt out in your settings, except for Labs Models.";

        var match = Single(text, "training-opt-out-carve-out");

        Assert.Equal(ClauseGuard.CarvedOut, match.Guard);
        Assert.Equal(SeverityLevel.High, match.Severity);
        Assert.DoesNotContain("training-opt-out", Types(text));
    }

    [Fact]
    public void A_negation_the_guard_makes_from_another_type_says_so()
    {
        // No pattern of the no-sale type itself matches "never ... sell": the sale type's match, negated, makes it.
        var match = Single("We would never, under any circumstances, sell your personal data.", "no-sale-of-personal-data");

        Assert.Equal(ClauseGuard.Negated, match.Guard);
        Assert.Equal("sale-of-personal-data", match.DerivedFrom);
        Assert.Equal(SeverityLevel.Low, match.Severity);
    }

    [Theory]
    [InlineData("If you do not opt out, we will use your conversations to train our models.")]
    [InlineData("We may use your data, including but not limited to prompts, to train our models.")]
    [InlineData("We do not sell your data, but we use your conversations to train our models.")]
    public void Conditions_phrases_that_deny_nothing_and_other_clauses_do_not_negate(string text)
    {
        Assert.Contains("training-on-user-content", Types(text));
        Assert.DoesNotContain("no-training-on-user-content", Types(text));
    }

    [Fact]
    public void A_negation_far_before_the_match_does_not_reach_it()
    {
        Assert.Contains("training-on-user-content",
            Types("No refunds are given for unused credits in any billing period and we use your prompts to train our models."));
    }

    [Theory]
    [InlineData("You cannot opt out of the use of your chats for training.")]
    [InlineData("Users will not be able to opt out of the use of their prompts to train our models.")]
    public void A_denied_opt_out_denies_the_opt_out_not_the_training(string text)
    {
        var types = Types(text);

        Assert.Contains("training-on-user-content", types);
        Assert.DoesNotContain("no-training-on-user-content", types);
        Assert.DoesNotContain("training-opt-out", types);
    }

    [Theory]
    [InlineData("You can opt out of model training in your settings, except for Labs Models.", "except for")]
    [InlineData("Except for Labs Models, you can opt out of model training in your settings.", "Except for")]
    [InlineData("You may opt out of training; opt-outs do not apply to Labs Models, which may be trained on your inputs.", "do not apply to")]
    public void An_exception_makes_the_opt_out_a_high_severity_carve_out(string text, string exceptionWords)
    {
        var match = Single(text, "training-opt-out-carve-out");

        Assert.Equal(SeverityLevel.High, match.Severity);
        Assert.Equal(ClauseConfidence.Explicit, match.Confidence);
        Assert.Contains(match.Evidence, e => e.Words.Equals(exceptionWords, StringComparison.OrdinalIgnoreCase) || e.Words.Contains(exceptionWords, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_sentence_that_takes_the_opt_out_away_from_a_product_after_an_opt_out_is_an_inferred_high_severity_carve_out()
    {
        const string text = "You may opt out of the use of your Input and Output for training in your settings. This option is not available for Labs Models.";

        var match = Single(text, "training-opt-out-carve-out");

        Assert.Equal(ClauseConfidence.Inferred, match.Confidence);
        Assert.Equal(SeverityLevel.High, match.Severity);
        var words = Assert.Single(match.Evidence);
        Assert.Equal("This option is not available for", words.Words);
        // Without an opt-out before it, the same sentence is about some other option.
        Assert.DoesNotContain("training-opt-out-carve-out", Types("This option is not available for Labs Models."));
    }

    [Theory]
    [InlineData("Any opt-out selected for other Mistral AI Products does not apply to Labs Models.")]
    [InlineData("Opting out of training for other products does not carry over to Labs Models.")]
    public void An_opt_out_named_with_its_scope_that_does_not_reach_a_product_is_an_explicit_carve_out(string text)
    {
        var match = Single(text, "training-opt-out-carve-out");

        Assert.Equal(ClauseConfidence.Explicit, match.Confidence);
        Assert.Equal(SeverityLevel.High, match.Severity);
        Assert.EndsWith(" to", match.Evidence[0].Words, StringComparison.Ordinal);
    }

    [Fact]
    public void A_carve_out_made_by_the_exception_guard_names_the_opt_out_it_came_from()
    {
        var match = Single("You can opt out of model training in your settings, except for Labs Models.", "training-opt-out-carve-out");

        Assert.Equal(ClauseGuard.CarvedOut, match.Guard);
        Assert.Equal("training-opt-out", match.DerivedFrom);
        Assert.Contains(match.Evidence, e => e.Role == MatchedWords.ExceptionRole);
        Assert.DoesNotContain("training-opt-out", Types("You can opt out of model training in your settings, except for Labs Models."));
    }

    [Fact]
    public void A_usage_policy_that_leaves_out_self_deployed_models_is_a_scope_exclusion()
    {
        var match = Single("This Usage Policy does not apply to models deployed on your own infrastructure.", "usage-policy-scope-exclusion");

        Assert.Equal(ClauseConfidence.Explicit, match.Confidence);
        Assert.Contains(match.Evidence, e => e.Words.Contains("does not apply to", StringComparison.Ordinal));
    }

    [Fact]
    public void Legitimate_interest_monitoring_and_retention_in_the_words_of_real_policies()
    {
        Assert.Contains("lawful-basis-legitimate-interest", Types("We process your inputs to improve our services on the basis of our legitimate interest."));
        Assert.Contains("automated-monitoring", Types("We use automated systems to monitor user interactions with our models to detect abuse."));
        Assert.Contains("retention-period", Types("Inputs and outputs are retained for 30 days, after which they are deleted."));
    }

    [Fact]
    public void Matched_words_are_offsets_into_the_markdown_given()
    {
        const string text = "We **do not** sell [your personal data](https://example.com/data) to anyone.";

        var match = Single(text, "no-sale-of-personal-data");

        foreach (var words in match.Evidence)
            Assert.Equal(text.Substring(words.Start, words.Length), words.Words);
        Assert.Contains(match.Evidence, e => e.Words.StartsWith("sell [your personal data", StringComparison.Ordinal));
    }

    [Fact]
    public void Weaker_cue_words_alone_make_an_inferred_type()
    {
        var match = Single("Model training helps us build better products.", "training-on-user-content");

        Assert.Equal(ClauseConfidence.Inferred, match.Confidence);
        Assert.Equal(MatchedWords.CueRole, Assert.Single(match.Evidence).Role);
    }

    [Fact]
    public void A_text_with_no_clause_language_has_no_type()
    {
        Assert.Empty(Classifier.Classify("Welcome to our website. We hope you enjoy it."));
        Assert.Empty(Classifier.Classify(""));
    }

    // ---- provisions read with their context

    [Fact]
    public void A_list_item_is_typed_with_its_lead_in_and_its_evidence_is_split_between_them()
    {
        const string terms = "## Restrictions\n\nYou agree not to:\n\n- reverse engineer the Services;\n- scrape the Site.\n";
        var item = ProvisionSplitter.Split(terms).Single(p => p.Text(terms) == "scrape the Site.");

        var match = Assert.Single(Classifier.Classify(item, terms), m => m.TypeId == "acceptable-use-restrictions");

        Assert.Equal(ClauseConfidence.Explicit, match.Confidence);
        var own = item.Text(terms);
        foreach (var words in match.Evidence)
        {
            var piece = words.InContext ? item.Context[words.Context].Of(terms) : own;
            Assert.Equal(piece.Substring(words.Start, words.Length), words.Words);
        }
        Assert.Contains(match.Evidence, e => !e.InContext);
    }

    [Fact]
    public void A_type_only_the_lead_in_has_is_inferred_for_the_item()
    {
        const string policy = "## Sharing\n\nWe may share your personal data with the following third parties:\n\n- payment processors;\n- hosting providers.\n";
        var item = ProvisionSplitter.Split(policy).Single(p => p.Text(policy) == "payment processors;");

        var match = Assert.Single(Classifier.Classify(item, policy), m => m.TypeId == "data-sharing");

        Assert.Equal(ClauseConfidence.Inferred, match.Confidence);
        Assert.All(match.Evidence, e => Assert.True(e.InContext));
    }

    [Fact]
    public void A_table_row_is_typed_with_its_header()
    {
        const string policy = "## Lawful bases\n\n| Purpose | Legal basis |\n| --- | --- |\n| Product improvement | Legitimate interest |\n";
        var row = Assert.Single(ProvisionSplitter.Split(policy));

        var match = Assert.Single(Classifier.Classify(row, policy), m => m.TypeId == "lawful-basis-legitimate-interest");

        Assert.Equal(ClauseConfidence.Explicit, match.Confidence);
        var words = Assert.Single(match.Evidence);
        Assert.False(words.InContext);
        Assert.Equal("Legitimate interest", words.Words);
    }
}
