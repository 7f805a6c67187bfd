using Snapshots.Changes;

namespace Snapshots.Tests.Changes;

public class TopicClassifierTests
{
    private readonly TopicClassifier classifier = TopicClassifier.Default;

    [Theory]
    [InlineData("ai-training", "We may use your content to train our models.")]
    [InlineData("ai-training", "Your conversations may be used as training data for our AI systems.")]
    [InlineData("ai-training", "Nous pouvons utiliser vos contenus pour entraîner nos modèles d’intelligence artificielle.")]
    [InlineData("ai-training", "Wir verwenden Ihre Eingaben, um unsere KI-Modelle zu trainieren.")]
    [InlineData("ai-training", "Podemos usar su contenido para entrenar nuestros modelos.")]
    [InlineData("data-retention", "We retain your personal information for as long as your account is active.")]
    [InlineData("data-retention", "Chat logs are deleted after a retention period of 30 days.")]
    [InlineData("data-retention", "Nous conservons vos données pendant trois ans.")]
    [InlineData("data-retention", "Die Speicherdauer beträgt sechs Monate; danach erfolgt die Löschung.")]
    [InlineData("data-retention", "Conservaremos sus datos durante dos años.")]
    [InlineData("opt-out-consent", "You can opt out of personalised advertising in your settings.")]
    [InlineData("opt-out-consent", "You may withdraw your consent at any time.")]
    [InlineData("opt-out-consent", "Vous pouvez retirer votre consentement à tout moment.")]
    [InlineData("opt-out-consent", "Sie können Ihre Einwilligung jederzeit widerrufen.")]
    [InlineData("opt-out-consent", "Puede retirar su consentimiento en cualquier momento.")]
    [InlineData("data-sharing-sale", "We may share your personal information with third parties for advertising.")]
    [InlineData("data-sharing-sale", "We do not sell your personal data.")]
    [InlineData("data-sharing-sale", "Nous pouvons partager vos données avec nos partenaires.")]
    [InlineData("data-sharing-sale", "Wir geben Ihre Daten nicht an Dritte weiter.")]
    [InlineData("data-sharing-sale", "Podemos compartir sus datos con terceros.")]
    [InlineData("content-monitoring", "We use automated systems to scan your messages for abuse.")]
    [InlineData("content-monitoring", "Uploads are reviewed with hash-matching technology.")]
    [InlineData("content-monitoring", "Nous utilisons des outils automatisés pour analyser les contenus publiés.")]
    [InlineData("content-monitoring", "Wir können Inhalte automatisiert überprüfen.")]
    [InlineData("content-monitoring", "Utilizamos sistemas automatizados para revisar los contenidos.")]
    [InlineData("arbitration", "Any dispute will be resolved by binding arbitration.")]
    [InlineData("arbitration", "You waive any right to participate in a class action.")]
    [InlineData("arbitration", "Les litiges seront soumis à l’arbitrage.")]
    [InlineData("arbitration", "Sammelklagen sind ausgeschlossen.")]
    [InlineData("arbitration", "Cualquier disputa se resolverá mediante arbitraje.")]
    [InlineData("liability-indemnification", "You agree to indemnify and hold us harmless from any claims.")]
    [InlineData("liability-indemnification", "Our total liability is limited to the fees you paid.")]
    [InlineData("liability-indemnification", "Notre responsabilité est limitée aux dommages directs.")]
    [InlineData("liability-indemnification", "Die Haftung für leichte Fahrlässigkeit ist ausgeschlossen.")]
    [InlineData("liability-indemnification", "Usted acepta indemnizar a la empresa.")]
    [InlineData("governing-law", "These terms are governed by the laws of the State of California.")]
    [InlineData("governing-law", "The courts of Dublin have exclusive jurisdiction.")]
    [InlineData("governing-law", "Le droit applicable est le droit français.")]
    [InlineData("governing-law", "Gerichtsstand ist München.")]
    [InlineData("governing-law", "Estas condiciones se rigen por la legislación española.")]
    [InlineData("fees-pricing", "Subscription fees are billed monthly in advance.")]
    [InlineData("fees-pricing", "We may change our prices with 30 days notice.")]
    [InlineData("fees-pricing", "Les tarifs peuvent être modifiés.")]
    [InlineData("fees-pricing", "Die Gebühren werden monatlich abgerechnet.")]
    [InlineData("fees-pricing", "Los precios incluyen IVA.")]
    [InlineData("termination-suspension", "We may suspend or terminate your account at any time.")]
    [InlineData("termination-suspension", "Accounts that violate these rules may be banned.")]
    [InlineData("termination-suspension", "Nous pouvons résilier votre abonnement.")]
    [InlineData("termination-suspension", "Wir können Ihr Konto sperren oder den Vertrag kündigen.")]
    [InlineData("termination-suspension", "Podemos suspender su cuenta.")]
    [InlineData("policy-scope", "This Privacy Policy applies to all services offered by Example.")]
    [InlineData("policy-scope", "These terms do not apply to enterprise customers.")]
    [InlineData("policy-scope", "La présente politique s’applique à tous nos services.")]
    [InlineData("policy-scope", "Der Geltungsbereich dieser Richtlinie umfasst alle Apps.")]
    [InlineData("policy-scope", "Esta política se aplica a todos los usuarios.")]
    public void Flags_the_topic(string topic, string sentence)
    {
        Assert.Contains(topic, classifier.Classify(sentence));
    }

    [Theory]
    [InlineData("ai-training", "We provide employee training programs on data protection.")]
    [InlineData("ai-training", "Our models of cooperation with schools are described below.")]
    [InlineData("data-retention", "You retain ownership of your content.")]
    [InlineData("data-retention", "We retain the right to update these terms.")]
    [InlineData("opt-out-consent", "Tap Options to change the display language.")]
    [InlineData("data-sharing-sale", "You can share photos with your friends.")]
    [InlineData("data-sharing-sale", "Items offered for sale must be described accurately.")]
    [InlineData("content-monitoring", "We monitor the performance of our servers.")]
    [InlineData("arbitration", "We will not make arbitrary changes to your plan.")]
    [InlineData("liability-indemnification", "Our service is reliable and fast.")]
    [InlineData("governing-law", "You must comply with all applicable laws.")]
    [InlineData("fees-pricing", "The person in charge of security reviews reports.")]
    [InlineData("fees-pricing", "The service is free to use.")]
    [InlineData("termination-suspension", "The terminal displays your balance.")]
    [InlineData("termination-suspension", "You can close your account whenever you like.")]
    [InlineData("policy-scope", "The discount applies to annual plans.")]
    [InlineData("policy-scope", "Use a microscope to read the fine print.")]
    public void Does_not_flag_a_near_miss(string topic, string sentence)
    {
        Assert.DoesNotContain(topic, classifier.Classify(sentence));
    }

    [Fact]
    public void Every_catalog_topic_is_exercised_by_the_flag_tests()
    {
        var ids = TopicCatalog.Default.Topics.Select(t => t.Id).ToList();

        Assert.Equal(
            ["ai-training", "data-retention", "opt-out-consent", "data-sharing-sale", "content-monitoring", "arbitration",
             "liability-indemnification", "governing-law", "fees-pricing", "termination-suspension", "policy-scope"],
            ids);
        Assert.All(TopicCatalog.Default.Topics, t => Assert.False(string.IsNullOrWhiteSpace(t.Label)));
    }

    [Fact]
    public void Topics_come_back_in_catalog_order()
    {
        var topics = classifier.Classify("Disputes go to arbitration. We may use your content to train our models.");

        Assert.Equal(["ai-training", "arbitration"], topics);
    }

    [Fact]
    public void Subject_fragment_uses_labels_in_catalog_order()
    {
        Assert.Equal("changed: AI training, data retention", classifier.SubjectFragment(["data-retention", "ai-training", "data-retention"]));
        Assert.Equal("", classifier.SubjectFragment([]));
    }

    [Fact]
    public void A_bad_pattern_is_reported_with_its_topic()
    {
        var error = Assert.Throws<FormatException>(() =>
            TopicCatalog.Parse("""{"topics":[{"id":"broken","label":"broken","patterns":["(unclosed"]}]}"""));

        Assert.Contains("broken", error.Message);
    }

    [Fact]
    public void The_embedded_topics_file_compiles_every_pattern()
    {
        // The built-in catalog compiles its patterns only when first used; this is where a bad one in topics.json fails.
        var parsed = TopicCatalog.Parse(TopicCatalog.EmbeddedJson());

        Assert.Equal(TopicCatalog.Default.Topics.Select(t => t.Id), parsed.Topics.Select(t => t.Id));
        Assert.Equal(parsed.Topics.Count, parsed.Matchers.Count);
        Assert.Equal(parsed.Matchers.Select(m => m.ToString()), TopicCatalog.Default.Matchers.Select(m => m.ToString()));
    }

    [Fact]
    public void Only_the_sentence_around_a_change_is_classified()
    {
        var previous = "# Terms\n\nDisputes are settled by arbitration. We keep logs for 30 days.";
        var current = "# Terms\n\nDisputes are settled by arbitration. We keep logs for 90 days.";

        var summary = new ChangeSummarizer().Summarize(previous, current);

        Assert.Equal(["data-retention"], Assert.Single(summary.Sections).Topics);
    }

    [Fact]
    public void A_removed_negation_flags_the_sentence_it_was_in()
    {
        var previous = "# Sharing\n\nWe do not sell your personal data. Contact us with questions.";
        var current = "# Sharing\n\nWe sell your personal data. Contact us with questions.";

        var summary = new ChangeSummarizer().Summarize(previous, current);

        Assert.Equal(["data-sharing-sale"], summary.Topics);
    }
}
