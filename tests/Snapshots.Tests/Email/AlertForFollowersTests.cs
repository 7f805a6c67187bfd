using Snapshots.Email;

namespace Snapshots.Tests.Email;

/// <summary>A version's alert is rendered once for all its followers; each copy only gets the follower's plan note.</summary>
public sealed class AlertForFollowersTests
{
    private static readonly ComposedEmail ForFollowers = SampleEmails.AlertRenderer().RenderForFollowers(SampleEmails.Alert());

    [Fact]
    public void The_alert_for_every_follower_holds_one_place_for_the_plan_note_and_nothing_of_any_follower()
    {
        Assert.Single(Places(ForFollowers.Html));
        Assert.Single(Places(ForFollowers.Text));
        Assert.DoesNotContain("You are on the", ForFollowers.Text);
        Assert.Equal(AlertEmail.Kind, ForFollowers.Category);
    }

    [Theory]
    [InlineData("watcher", "You are on the Watcher plan (same-day alerts and the weekly digest, up to 10 platforms).")]
    [InlineData("monitor", "You are on the Monitor plan (same-day alerts and the weekly digest, up to 25 platforms).")]
    public void Each_follower_gets_their_own_plan_note_and_the_same_alert_otherwise(string plan, string note)
    {
        var email = ForFollowers.WithPlanNote(PlanNote.For(plan));

        Assert.Contains($"because you follow Mistral AI on Snapshots. {note}", email.Text);
        Assert.Contains($"because you follow Mistral AI on Snapshots. {note}", email.Html);
        Assert.DoesNotContain(ComposedEmail.PlanNotePlaceholder, email.Html + email.Text);
        Assert.Equal(ForFollowers.Subject, email.Subject);
        Assert.Equal(ForFollowers.Text.Replace(ComposedEmail.PlanNotePlaceholder, PlanNote.For(plan)), email.Text);
    }

    [Fact]
    public void Without_a_plan_the_footer_ends_after_the_reason_as_it_always_did()
    {
        var email = ForFollowers.WithPlanNote("");

        Assert.Contains("because you follow Mistral AI on Snapshots.\n", email.Text);
        Assert.Contains("because you follow Mistral AI on Snapshots. Text quoted", email.Html);
        Assert.Equal(SampleEmails.AlertRenderer().Render(SampleEmails.Alert()), email);
    }

    [Fact]
    public void The_note_is_html_encoded_in_the_html_body_only()
    {
        var email = ForFollowers.WithPlanNote("Plan <b>&</b>");

        Assert.Contains("Plan &lt;b&gt;&amp;&lt;/b&gt;", email.Html);
        Assert.Contains("Plan <b>&</b>", email.Text);
    }

    private static IEnumerable<int> Places(string body)
    {
        for (var at = body.IndexOf(ComposedEmail.PlanNotePlaceholder, StringComparison.Ordinal); at >= 0;
             at = body.IndexOf(ComposedEmail.PlanNotePlaceholder, at + 1, StringComparison.Ordinal))
            yield return at;
    }
}
