using Snapshots.Text;

namespace Snapshots.Tests.Text;

public sealed class NameSuggestionsTests
{
    private static readonly string[] Documents =
    [
        "mistral-ai/privacy-policy", "mistral-ai/terms-of-service", "mistral-ai/commercial-terms", "openai/privacy-policy", "anthropic/usage-policy",
    ];

    [Theory]
    [InlineData("mistral-ai/privacy-polcy", "mistral-ai/privacy-policy")]   // a letter left out
    [InlineData("mistral-ai/privacy-ploicy", "mistral-ai/privacy-policy")]  // two letters swapped: one edit
    [InlineData("mistrl-ai/privacy-policy", "mistral-ai/privacy-policy")]
    [InlineData("Mistral-AI/Privacy-Policy", "mistral-ai/privacy-policy")]  // case does not matter
    [InlineData("mistral-ai/privacy", "mistral-ai/privacy-policy")]         // the beginning of each part
    [InlineData("mistral/terms", "mistral-ai/terms-of-service")]
    public void A_mistyped_id_is_matched_to_the_tracked_one(string typed, string expected)
    {
        Assert.Equal(expected, NameSuggestions.Closest(typed, Documents).First());
    }

    [Theory]
    [InlineData("x")]
    [InlineData("google/privacy-policy")]
    [InlineData("completely-different/thing")]
    public void Nothing_close_offers_nothing(string typed)
    {
        Assert.Empty(NameSuggestions.Closest(typed, Documents));
    }

    [Fact]
    public void Commands_are_matched_with_a_swap_and_short_words_are_not_matched_to_options()
    {
        string[] commands = ["documents", "check", "run", "serve", "history", "show", "diff", "cite", "verify", "export", "-h", "--help"];

        Assert.Equal(["history"], NameSuggestions.Closest("histroy", commands));
        Assert.Equal(["documents"], NameSuggestions.Closest("docments", commands));
        Assert.DoesNotContain("-h", NameSuggestions.Closest("x", commands));
    }

    [Fact]
    public void The_closest_come_first_and_at_most_three_are_offered()
    {
        string[] known = ["abcd-4", "abcd-1", "abcd-2", "abcd-3", "abce-1"];

        var close = NameSuggestions.Closest("abcd-1", known);

        Assert.Equal(NameSuggestions.MaxSuggestions, close.Count);
        Assert.Equal("abcd-1", close[0]);
    }

    [Fact]
    public void The_question_names_each_suggestion()
    {
        Assert.Equal("", NameSuggestions.DidYouMean([]));
        Assert.Equal("did you mean 'a'?", NameSuggestions.DidYouMean(["a"]));
        Assert.Equal("did you mean 'a', 'b' or 'c'?", NameSuggestions.DidYouMean(["a", "b", "c"]));
    }
}
