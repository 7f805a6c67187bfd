using Snapshots.Subscribers;

namespace Snapshots.Tests.Subscribers;

/// <summary>Follow words from a form or a link: read as the command line reads them, anything else refused without echoing it whole.</summary>
public class FollowWordsTests
{
    [Fact]
    public void Form_words_are_read_one_follow_each_with_upper_case_folded()
    {
        var follows = FollowWords.Read(["  Mistral-AI/commercial-terms/labs-models-training ", "type:governing-law", "", null, "example-ai"]);

        Assert.Equal(["example-ai", "mistral-ai/commercial-terms/labs-models-training", "type:governing-law"], follows.Words());
        Assert.Equal(["example-ai", "mistral-ai"], follows.CountedPlatforms);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "'<script>alert(1)</script>' is not something to follow")]
    [InlineData("example-ai privacy-policy", "'example-ai privacy-policy' is not something to follow")]
    [InlineData("example-ai/privacy-policy", "'example-ai/privacy-policy' is not something to follow")]
    [InlineData("type:", "'type:' is not something to follow")]
    [InlineData("a\u001b[2Jb/c/d", "'a\u241b[2Jb/c/d' is not something to follow")]
    public void A_word_that_is_no_follow_is_refused_quoting_it_visibly(string word, string message) =>
        Assert.StartsWith(message, Assert.Throws<MalformedFollowException>(() => FollowWords.Read([word])).Message);

    [Fact]
    public void A_long_word_is_quoted_shortened_and_a_too_long_one_not_at_all()
    {
        var hostile = "<b>" + new string('x', 100);
        var shortened = Assert.Throws<MalformedFollowException>(() => FollowWords.Read([hostile])).Message;
        Assert.StartsWith($"'{hostile[..39]}…' is not something to follow", shortened);

        var tooLong = Assert.Throws<MalformedFollowException>(() => FollowWords.Read([new string('a', 1000)])).Message;
        Assert.Equal("a follow of 1,000 characters was refused: none is longer than 200", tooLong);

        var many = Assert.Throws<MalformedFollowException>(() => FollowWords.Read(Enumerable.Range(0, 51).Select(i => $"p{i}"))).Message;
        Assert.Equal("at most 50 follows can be sent at once; 51 were", many);
    }

    [Fact]
    public void A_sign_up_keeps_its_follows_aside_in_the_pending_fields()
    {
        var profile = new SubscriberRecord();
        FollowWords.Read(["example-ai", "mistral-ai/terms-of-service/a", "type:governing-law"]).WritePendingTo(profile);

        Assert.Equal(("example-ai", "mistral-ai/terms-of-service/a", "governing-law"), (profile.PendingPlatforms, profile.PendingProvisions, profile.PendingClauseTypes));
        Assert.Equal("nothing", profile.Follows.ToString());
        Assert.Equal(["example-ai", "mistral-ai/terms-of-service/a", "type:governing-law"], Follows.PendingOf(profile).Words());
        // A row written before provisions could be asked for: platforms only.
        Assert.Equal(["openai"], Follows.PendingOf(new SubscriberRecord { PendingPlatforms = "openai" }).Words());
    }

    [Fact]
    public void Over_the_limit_names_each_counted_platform_and_the_provisions_that_count_it()
    {
        var follows = FollowWords.Read(["other-co", "example-ai/privacy-policy/retention", "example-ai/privacy-policy/training"]);

        var e = PlanLimitException.Counted(Plans.Free, follows);

        Assert.Equal("the free plan follows at most 1 platform; this counts 2: example-ai (for its provisions privacy-policy/retention, privacy-policy/training), other-co", e.Message);
        Assert.Equal(2, e.Requested);
    }

    [Fact]
    public void A_clause_type_narrows_only_platforms_followed_whole()
    {
        Assert.Equal(["governing-law"], FollowWords.Read(["type:governing-law", "example-ai/privacy-policy/retention"]).ClauseTypesWithoutPlatform);
        Assert.Empty(FollowWords.Read(["type:governing-law", "example-ai"]).ClauseTypesWithoutPlatform);
        Assert.Contains("the clause type 'Governing law' tells you of changes to its provisions on the platforms you follow whole",
            new ClauseTypeWithoutPlatformException(["governing-law"]).Message);
    }
}
