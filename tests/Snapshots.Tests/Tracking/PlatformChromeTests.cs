using Snapshots.Changes;
using Snapshots.Tracking;

namespace Snapshots.Tests.Tracking;

public class PlatformChromeTests
{
    private static readonly TopicClassifier Topics = TopicClassifier.Default;

    private const string Policy = "# Privacy\n\nWe keep logs for a year.\n\n## Contact\n\nWrite to us.\n";

    private static string With(string banner) => $"{banner}\n\n{Policy}";

    [Fact]
    public void A_block_that_changed_identically_on_every_other_document_is_chrome()
    {
        var change = PlatformChrome.OnlyChrome(With("X 4 is now live!"), With("X 5 is now live!"),
            [(["# Terms\n\nX 4 is now live!\n\nBe nice."], "# Terms\n\nX 5 is now live!\n\nBe nice."), (["X 4 is now live!\n\n# DPA"], "X 5 is now live!\n\n# DPA")], Topics);

        Assert.NotNull(change);
        Assert.Equal(["X 5 is now live!"], change.Added);
        Assert.Equal(["X 4 is now live!"], change.Removed);
        Assert.Equal(3, change.Documents);
    }

    [Fact]
    public void A_change_that_is_not_on_every_other_document_or_not_new_there_is_not_chrome()
    {
        // one sibling still shows the old banner now
        Assert.Null(PlatformChrome.OnlyChrome(With("X 4"), With("X 5"), [(["X 4\n\nA"], "X 5\n\nA"), (["X 4\n\nB"], "X 4\n\nB")], Topics));
        // the new block was already on the sibling before: this document caught up with it, which is a change
        Assert.Null(PlatformChrome.OnlyChrome(With("X 4"), With("X 5"), [(["X 5\n\nA"], "X 5\n\nA")], Topics));
        // no other document
        Assert.Null(PlatformChrome.OnlyChrome(With("X 4"), With("X 5"), [], Topics));
    }

    [Fact]
    public void A_sibling_that_folded_the_last_banner_counts_what_its_previous_capture_showed()
    {
        // This document recorded "X 5" with a real edit; the sibling folded "X 5" as chrome, so its recorded text still shows "X 4".
        const string recorded = "X 4\n\n# Terms\n\nBe nice.", previous = "X 5\n\n# Terms\n\nBe nice.", now = "X 6\n\n# Terms\n\nBe nice.";

        Assert.Null(PlatformChrome.OnlyChrome(With("X 5"), With("X 6"), [([recorded], now)], Topics));
        var change = PlatformChrome.OnlyChrome(With("X 5"), With("X 6"), [([recorded, previous], now)], Topics);
        Assert.Equal(["X 6"], change!.Added);
        Assert.Equal(["X 5"], change.Removed);
    }

    [Fact]
    public void A_real_edit_next_to_the_chrome_or_a_move_is_not_chrome()
    {
        Assert.Null(PlatformChrome.OnlyChrome(With("X 4"), With("X 5").Replace("a year", "two years"), [(["X 4\n\nA"], "X 5\n\nA")], Topics));
        Assert.Null(PlatformChrome.OnlyChrome("A\n\nB\n\nC", "B\n\nA\n\nC", [(["A\n\nZ"], "A\n\nZ")], Topics));
    }

    [Fact]
    public void A_block_touching_a_governance_topic_is_never_chrome()
    {
        Assert.Null(PlatformChrome.OnlyChrome(With("We use your prompts to train our models."), With("We no longer train our models on your prompts."),
            [(["We use your prompts to train our models.\n\nA"], "We no longer train our models on your prompts.\n\nA")], Topics));
    }
}
