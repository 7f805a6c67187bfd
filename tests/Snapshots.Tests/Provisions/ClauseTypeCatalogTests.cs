using System.Text.Json.Nodes;
using Snapshots.Provisions;

namespace Snapshots.Tests.Provisions;

public class ClauseTypeCatalogTests
{
    /// <summary>The embedded catalogue, parsed with every pattern compiled: a broken pattern fails here, not in a running check.</summary>
    private static readonly ClauseTypeCatalog Embedded = ClauseTypeCatalog.Parse(ClauseTypeCatalog.EmbeddedJson());

    private static readonly ClauseClassifier Classifier = new(Embedded);

    public static TheoryData<string> TypeIds() => new(Embedded.Types.Select(t => t.Id));

    [Fact]
    public void A_type_is_shown_by_its_name_and_one_the_catalogue_no_longer_has_by_its_id()
    {
        Assert.Equal("Trains AI models on user content", Embedded.NameOf("training-on-user-content"));
        Assert.Equal("retired-type", Embedded.NameOf("retired-type"));
    }

    [Fact]
    public void The_embedded_catalogue_parses_with_every_pattern_compiled_and_has_at_least_thirty_types()
    {
        Assert.True(Embedded.Types.Count >= 30, $"{Embedded.Types.Count} clause types");
        Assert.Equal(Embedded.Types.Select(t => t.Id), ClauseTypeCatalog.Default.Types.Select(t => t.Id));
        Assert.All(Embedded.Types, t =>
        {
            Assert.NotEmpty(t.Name);
            Assert.NotEmpty(t.WhatItIs);
            Assert.NotEmpty(t.Regulations);
            Assert.NotEmpty(t.Patterns);
            Assert.NotEmpty(t.Positive);
            Assert.NotEmpty(t.Negative);
        });
    }

    [Theory]
    [MemberData(nameof(TypeIds))]
    public void Every_positive_test_sentence_is_typed_with_its_words_inside_it(string id)
    {
        var type = Embedded.Find(id)!;
        foreach (var sentence in type.Positive)
        {
            var matches = Classifier.Classify(sentence);
            var match = matches.SingleOrDefault(m => m.TypeId == id);
            Assert.True(match is not null, $"{id}: \"{sentence}\" is not typed {id} (typed: {string.Join(", ", matches.Select(m => m.TypeId))})");
            Assert.NotEmpty(match.Evidence);
            foreach (var words in match.Evidence)
            {
                Assert.InRange(words.Start, 0, sentence.Length - 1);
                Assert.InRange(words.Start + words.Length, 1, sentence.Length);
                Assert.Equal(sentence.Substring(words.Start, words.Length), words.Words);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TypeIds))]
    public void No_negative_test_sentence_is_typed(string id)
    {
        foreach (var sentence in Embedded.Find(id)!.Negative)
        {
            var matches = Classifier.Classify(sentence);
            Assert.True(matches.All(m => m.TypeId != id),
                $"{id}: \"{sentence}\" is typed {id} by \"{string.Join("\", \"", matches.Where(m => m.TypeId == id).SelectMany(m => m.Evidence).Select(e => e.Words))}\"");
        }
    }

    /// <summary>
    /// Keywords only filter: a type is looked for in the sentences that hold one of its keywords. So every match of its
    /// patterns and cues, on every test sentence of the file (of any type), must sit in a sentence holding one.
    /// </summary>
    [Fact]
    public void Every_pattern_needs_one_of_its_type_s_keywords()
    {
        var compiled = Embedded.Compiled;
        var sentences = Embedded.Types.SelectMany(t => t.Positive.Concat(t.Negative)).Distinct().ToList();
        var missing = new List<string>();
        foreach (var text in sentences)
        {
            var plain = PlainWords.Of(text).Text;
            var bounds = SentenceBounds.Of(plain);
            var keyed = new HashSet<(int Type, int Sentence)>();
            compiled.Keywords.Find(plain.ToLowerInvariant(), (type, position) => keyed.Add((type, bounds.TakeWhile(b => b.End <= position).Count())));
            for (var t = 0; t < compiled.Types.Count; t++)
            {
                var type = compiled.Types[t];
                foreach (var regex in new[] { type.Patterns, type.Cues }.OfType<System.Text.RegularExpressions.Regex>())
                    foreach (System.Text.RegularExpressions.Match match in regex.Matches(plain))
                        if (!keyed.Contains((t, bounds.TakeWhile(b => b.End <= match.Index).Count())))
                            missing.Add($"{type.Type.Id}: \"{match.Value}\" in \"{text}\"");
            }
        }
        Assert.True(missing.Count == 0, "matches without a keyword of their type:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_issue_s_key_types_are_there()
    {
        foreach (var id in new[]
                 {
                     "training-on-user-content", "no-training-on-user-content", "training-opt-in", "training-opt-out", "training-opt-out-carve-out",
                     "retention-period", "lawful-basis-legitimate-interest", "lawful-basis-consent", "lawful-basis-contract",
                     "automated-monitoring", "human-review-of-conversations", "data-sharing", "sale-of-personal-data", "subprocessors",
                     "international-transfers", "age-limit", "output-ownership", "licence-to-user-content", "acceptable-use-restrictions",
                     "usage-policy-scope-exclusion", "unilateral-changes", "change-notice", "suspension-termination", "arbitration",
                     "class-action-waiver", "governing-law", "liability-cap", "indemnification-by-user", "beta-features", "cookies-tracking",
                     "data-subject-rights", "breach-notification", "law-enforcement-requests", "deletion-on-request", "auto-renewal",
                     "warranty-disclaimer",
                 })
            Assert.NotNull(Embedded.Find(id));
        Assert.Contains("GDPR Art. 6(1)(f)", Embedded.Find("lawful-basis-legitimate-interest")!.Regulations);
        Assert.Contains("GDPR Art. 21", Embedded.Find("lawful-basis-legitimate-interest")!.Regulations);
        Assert.Contains("GDPR Art. 22", Embedded.Find("automated-decision-making")!.Regulations);
        Assert.Contains("EU AI Act Art. 50", Embedded.Find("ai-content-disclosure")!.Regulations);
        Assert.Contains("DSA Art. 14(1)", Embedded.Find("automated-monitoring")!.Regulations);
        Assert.Contains(Embedded.Find("sale-of-personal-data")!.Regulations, r => r.StartsWith("CCPA", StringComparison.Ordinal));
    }

    // ---- broken catalogues: a clear error naming the entry and the field

    private static JsonObject MinimalFile() => JsonNode.Parse("""
        {
          "negationCues": ["not"],
          "clauseTypes": [
            {
              "id": "governing-law",
              "name": "Governing law",
              "whatItIs": "Which law governs the contract.",
              "regulations": ["Rome I Regulation (EC) 593/2008 Art. 6"],
              "severity": "low",
              "keywords": ["govern"],
              "patterns": ["governed by {words:0-3}laws?"],
              "examples": { "positive": ["These Terms are governed by the laws of France."], "negative": ["Hello."] }
            },
            {
              "id": "arbitration",
              "name": "Binding arbitration",
              "whatItIs": "Disputes go to arbitration.",
              "regulations": ["Federal Arbitration Act (9 U.S.C.)"],
              "severity": "high",
              "keywords": ["arbitrat"],
              "patterns": ["arbitrat\\w+"],
              "examples": { "positive": ["Disputes go to arbitration."], "negative": ["Hello."] }
            }
          ]
        }
        """)!.AsObject();

    private static JsonObject Second(JsonObject file) => file["clauseTypes"]![1]!.AsObject();

    private static ClauseCatalogException Broken(JsonObject file) =>
        Assert.Throws<ClauseCatalogException>(() => ClauseTypeCatalog.Parse(file.ToJsonString()));

    [Fact]
    public void A_minimal_file_parses()
    {
        var catalog = ClauseTypeCatalog.Parse(MinimalFile().ToJsonString());

        Assert.Equal(["governing-law", "arbitration"], catalog.Types.Select(t => t.Id));
        Assert.Equal("governing-law", Assert.Single(new ClauseClassifier(catalog).Classify("These Terms are governed by the laws of France.")).TypeId);
    }

    [Fact]
    public void A_follow_on_naming_no_other_type_is_named_with_its_entry()
    {
        var file = MinimalFile();
        Second(file)["followsOn"] = JsonNode.Parse("""{ "types": ["no-such-type"], "patterns": ["dispute"] }""");

        var error = Broken(file);

        Assert.Equal("arbitration", error.Entry);
        Assert.Equal("followsOn.types", error.Field);
        Assert.Contains("no-such-type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_that_does_not_compile_is_named_with_its_entry_and_place()
    {
        var file = MinimalFile();
        Second(file)["patterns"] = new JsonArray("arbitrat\\w+", "binding (arbitration");

        var error = Broken(file);

        Assert.Equal("arbitration", error.Entry);
        Assert.Equal("patterns[1]", error.Field);
        Assert.Contains("binding (arbitration", error.Message);
        Assert.Contains("clause type 'arbitration'", error.Message);
    }

    [Fact]
    public void A_missing_field_is_named()
    {
        var file = MinimalFile();
        Second(file).Remove("whatItIs");

        var error = Broken(file);

        Assert.Equal(("arbitration", "whatItIs"), (error.Entry, error.Field));
    }

    [Fact]
    public void Missing_examples_are_named()
    {
        var file = MinimalFile();
        Second(file)["examples"]!.AsObject().Remove("negative");

        Assert.Equal(("arbitration", "examples.negative"), (Broken(file).Entry, Broken(file).Field));
    }

    [Fact]
    public void A_duplicate_id_is_named()
    {
        var file = MinimalFile();
        Second(file)["id"] = "governing-law";

        var error = Broken(file);

        Assert.Equal(("governing-law", "id"), (error.Entry, error.Field));
        Assert.Contains("unique", error.Message);
    }

    [Fact]
    public void An_unknown_field_a_bad_severity_and_a_bad_id_are_named()
    {
        var typo = MinimalFile();
        Second(typo)["pattern"] = new JsonArray("x");
        Assert.Equal(("arbitration", "pattern"), (Broken(typo).Entry, Broken(typo).Field));

        var keywords = MinimalFile();
        Second(keywords)["keywords"] = new JsonArray("Arbitration");
        Assert.Equal(("arbitration", "keywords[0]"), (Broken(keywords).Entry, Broken(keywords).Field));

        var severity = MinimalFile();
        Second(severity)["severity"] = "critical";
        Assert.Equal(("arbitration", "severity"), (Broken(severity).Entry, Broken(severity).Field));

        var id = MinimalFile();
        Second(id)["id"] = "Binding Arbitration";
        Assert.Equal("id", Broken(id).Field);
    }

    [Fact]
    public void A_type_s_own_phrase_that_negates_nothing_is_named_when_it_does_not_compile()
    {
        var file = MinimalFile();
        Second(file)["negation"] = new JsonObject { ["becomes"] = null, ["notNegations"] = new JsonArray("cannot (opt out") };

        var error = Broken(file);

        Assert.Equal(("arbitration", "negation.notNegations[0]"), (error.Entry, error.Field));
        Assert.Contains("cannot (opt out", error.Message);
    }

    [Fact]
    public void A_guard_that_becomes_an_unknown_type_is_named()
    {
        var file = MinimalFile();
        Second(file)["negation"] = new JsonObject { ["becomes"] = "no-arbitration" };

        var error = Broken(file);

        Assert.Equal(("arbitration", "negation.becomes"), (error.Entry, error.Field));
        Assert.Contains("no-arbitration", error.Message);
    }

    [Fact]
    public void An_unknown_macro_is_named()
    {
        var file = MinimalFile();
        Second(file)["patterns"] = new JsonArray("{binding} arbitration");

        var error = Broken(file);

        Assert.Equal(("arbitration", "patterns[0]"), (error.Entry, error.Field));
        Assert.Contains("{binding}", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_json_or_has_no_types_is_refused()
    {
        Assert.Equal("(file)", Assert.Throws<ClauseCatalogException>(() => ClauseTypeCatalog.Parse("{ not json")).Field);
        Assert.Equal("clauseTypes", Assert.Throws<ClauseCatalogException>(() => ClauseTypeCatalog.Parse("""{"negationCues": ["not"], "clauseTypes": []}""")).Field);
        var cues = MinimalFile();
        cues["negationCues"] = new JsonArray("(not");
        var error = Broken(cues);
        Assert.Null(error.Entry);
        Assert.Equal("negationCues[0]", error.Field);
    }
}
