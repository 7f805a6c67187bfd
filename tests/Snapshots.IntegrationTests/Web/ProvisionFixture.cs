using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Web;

/// <summary>
/// Three platforms with real-looking clauses, each checked once (so their provisions are built): Example AI's privacy policy
/// (retention, training on conversations, legitimate interest), Mistral AI's terms (a training opt-out carve-out no other
/// platform has, French governing law) and Other Co's terms (California governing law, arbitration).
/// </summary>
public static class ProvisionFixture
{
    public const string Retention = "<h2>Data retention</h2><p>We retain your prompts for 30 days.</p>";
    public const string Training = "<h2>Model training</h2><p>We may use your conversations to train and improve our models.</p>";
    public const string Basis = "<h2>Legal basis</h2><p>We process usage data where it is necessary for our legitimate interests, such as securing the Services.</p>";
    public const string Contact = "<h2>Contact</h2><p>Write to privacy@example.com with any question &lt;script&gt;alert(1)&lt;/script&gt; about this policy.</p>";

    public static string Privacy(string retention = Retention, string training = Training) => PolicyPages.Privacy(retention + training + Basis + Contact);

    public const string MistralTerms = """
        <h2>Your content</h2><p>You can opt out of model training in your account settings. Opt-outs do not apply to Labs Models, which may be trained on your inputs.</p>
        <h2>Governing law</h2><p>These Terms are governed by French law.</p>
        """;

    public const string OtherTerms = """
        <h2>Governing law</h2><p>These Terms are governed by the laws of the State of California.</p>
        <h2>Disputes</h2><p>Any dispute will be resolved by binding arbitration.</p>
        """;

    public sealed record Tracked(WebTestHost Host, DocumentId ExamplePrivacy, DocumentId MistralTerms, DocumentId OtherTerms);

    public static async Task<Tracked> StartAsync()
    {
        var host = await WebTestHost.StartAsync();
        try
        {
            var privacy = await host.TrackAsync("Example AI", "Privacy Policy", "/example/privacy", Privacy());
            var mistral = await host.TrackAsync("Mistral AI", "Terms of Service", "/mistral/terms", PolicyPages.Privacy(MistralTerms));
            var other = await host.TrackAsync("Other Co", "Terms of Service", "/other/terms", PolicyPages.Privacy(OtherTerms));
            foreach (var id in new[] { privacy, mistral, other }) Assert.True((await host.CheckAsync(id)).IsChange, $"first check of {id}");
            return new Tracked(host, privacy, mistral, other);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }
}
