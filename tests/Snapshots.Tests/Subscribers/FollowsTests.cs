using Snapshots.Catalog;
using Snapshots.Provisions;
using Snapshots.Subscribers;

namespace Snapshots.Tests.Subscribers;

public class FollowsTests
{
    private static readonly DocumentId Terms = new("mistral-ai", "commercial-terms");

    [Fact]
    public void Follows_are_read_one_per_word_and_a_provision_counts_as_its_platform()
    {
        var follows = Follows.Parse(["OpenAI-x", "mistral-ai/commercial-terms/labs-models-training, type:training-opt-out-carve-out"]);

        Assert.Equal(["openai-x"], follows.Platforms);
        Assert.Equal([new FollowedProvision(Terms, "labs-models-training")], follows.Provisions);
        Assert.Equal(["training-opt-out-carve-out"], follows.ClauseTypes);
        Assert.Equal(["mistral-ai", "openai-x"], follows.CountedPlatforms);
        Assert.Equal("openai-x, mistral-ai/commercial-terms/labs-models-training, type:training-opt-out-carve-out", follows.ToString());
    }

    [Fact]
    public void Follows_round_trip_through_a_profile_and_can_be_added_and_taken_away()
    {
        var profile = new SubscriberRecord();
        Follows.Parse(["mistral-ai", "mistral-ai/commercial-terms/a", "type:governing-law"]).WriteTo(profile);
        Assert.Equal(("mistral-ai", "mistral-ai/commercial-terms/a", "governing-law"), (profile.Platforms, profile.Provisions, profile.ClauseTypes));

        var more = profile.Follows.Plus(Follows.Parse(["openai/terms-of-service/b"])).Minus(Follows.Parse(["mistral-ai", "type:governing-law"]));
        Assert.Equal(["mistral-ai/commercial-terms/a", "openai/terms-of-service/b"], more.Words());
        Assert.Equal(["mistral-ai", "openai"], more.CountedPlatforms);
    }

    [Theory]
    [InlineData("mistral-ai/commercial-terms")]
    [InlineData("mistral-ai/commercial terms/x")]
    [InlineData("mistral.ai")]
    [InlineData("type:")]
    public void A_word_that_is_no_follow_is_refused_with_the_word(string word)
    {
        var e = Assert.Throws<FormatException>(() => Follows.Parse([word]));
        Assert.Contains("is not", e.Message);
    }

    [Fact]
    public void A_follower_is_told_everything_only_when_following_the_platform_whole_without_clause_types()
    {
        var changes = new[] { Changed("labs-models-training", "training-opt-out-carve-out"), Changed("governing-law-france", "governing-law") };

        Assert.Equal(AlertScope.Everything, EmailEligibility.ScopeOf(Profile("mistral-ai"), Terms, changes));
        Assert.Equal(["labs-models-training"], EmailEligibility.ScopeOf(Profile("mistral-ai/commercial-terms/labs-models-training"), Terms, changes).Provisions);
        Assert.Equal(["governing-law-france"], EmailEligibility.ScopeOf(Profile("mistral-ai", "type:governing-law"), Terms, changes).Provisions);
        Assert.False(EmailEligibility.ScopeOf(Profile("mistral-ai/commercial-terms/other-clause"), Terms, changes).TellsAnything);
        // A clause type narrows only the platforms followed whole.
        Assert.False(EmailEligibility.ScopeOf(Profile("openai", "type:governing-law"), Terms, changes).TellsAnything);
        Assert.False(EmailEligibility.ScopeOf(Profile("mistral-ai/privacy-policy/labs-models-training"), Terms, changes).TellsAnything);
    }

    private static SubscriberRecord Profile(params string[] follows)
    {
        var profile = new SubscriberRecord();
        Follows.Parse(follows).WriteTo(profile);
        return profile;
    }

    private static ChangedProvision Changed(string slug, string type)
    {
        var provision = new Provision(0, ProvisionKind.Paragraph, [], new TextRange(0, 4), [], "sha", slug);
        var match = new ClauseMatch(type, Snapshots.Changes.SeverityLevel.High, ClauseConfidence.Explicit, ClauseGuard.None, null, []);
        var classified = new ClassifiedProvision(new TrackedProvision("v1-p0", slug, provision), "text", "text", [match]);
        return new ChangedProvision(new ProvisionEvent(ProvisionEventKind.Modified, ["v1-p0"], ["v1-p0"], 0.9, true, false, false), classified, classified);
    }
}
