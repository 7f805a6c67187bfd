using Snapshots.Email;

namespace Snapshots.Tests.Email;

public sealed class LinkTextSegmentsTests
{
    [Fact]
    public void A_link_in_one_run_shows_only_its_text()
    {
        var shown = LinkTextSegments.Apply([new("same", "See our [Privacy Center](https://example.com/privacy) for details.")]);

        Assert.Equal("See our Privacy Center for details.", Assert.Single(shown).Text);
    }

    [Fact]
    public void A_link_split_across_runs_shows_its_changed_text_without_markdown()
    {
        var shown = LinkTextSegments.Apply([new("same", "Read the ["), new("del", "old"), new("ins", "new"), new("same", " terms](https://example.com/t).")]);

        Assert.Equal(["Read the ", "old", "new", " terms."], shown.Select(s => s.Text));
        Assert.Equal(["same", "del", "ins", "same"], shown.Select(s => s.Kind));
    }

    [Fact]
    public void A_changed_link_target_stays_visible_in_parentheses()
    {
        var shown = LinkTextSegments.Apply([new("same", "[Opt out](https://example.com/"), new("del", "a"), new("ins", "b"), new("same", ")")]);

        var text = string.Concat(shown.Select(s => s.Text));
        Assert.Equal("Opt out (https://example.com/ab)", text);
        Assert.DoesNotContain("[", text);
        Assert.Contains(shown, s => s.Kind == "ins" && s.Text == "b");
    }
}
