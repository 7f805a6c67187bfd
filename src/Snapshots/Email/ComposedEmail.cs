using System.Net;

namespace Snapshots.Email;

/// <summary>
/// A rendered email: subject, HTML and plain-text bodies, and the SendGrid category (the name of its <see cref="IEmailKind"/>).
/// The bodies hold <see cref="UnsubscribePlaceholder"/> where the unsubscribe link goes; each sender puts its own link there
/// (SendGrid's group unsubscribe URL, or the mailto address for the outbox).
/// </summary>
public sealed record ComposedEmail(string Subject, string Html, string Text, string Category)
{
    /// <summary>Made of characters that HTML encoding leaves alone, so replacing it after rendering is safe.</summary>
    public const string UnsubscribePlaceholder = "SNAPSHOTS_UNSUBSCRIBE_URL";

    /// <summary>Where the link to the subscriber's manage page goes (a signed, expiring link made per recipient by the sender).</summary>
    public const string ManagePlaceholder = "SNAPSHOTS_MANAGE_URL";

    /// <summary>Where the subscriber's plan note goes (<see cref="PlanNote"/>), in an email composed once for many subscribers.</summary>
    public const string PlanNotePlaceholder = "SNAPSHOTS_PLAN_NOTE";

    /// <summary>The email with <paramref name="note"/> for <see cref="PlanNotePlaceholder"/> (HTML-encoded as the templates encode); an empty note takes the space before it away.</summary>
    public ComposedEmail WithPlanNote(string note) => note.Length == 0
        ? this with
        {
            Html = Html.Replace(" " + PlanNotePlaceholder, "", StringComparison.Ordinal),
            Text = Text.Replace(" " + PlanNotePlaceholder, "", StringComparison.Ordinal),
        }
        : this with
        {
            Html = Html.Replace(PlanNotePlaceholder, WebUtility.HtmlEncode(note), StringComparison.Ordinal),
            Text = Text.Replace(PlanNotePlaceholder, note, StringComparison.Ordinal),
        };

    public ComposedEmail WithManageUrl(string url, Func<string, string> htmlEncode) => this with
    {
        Html = Html.Replace(ManagePlaceholder, htmlEncode(url), StringComparison.Ordinal),
        Text = Text.Replace(ManagePlaceholder, url, StringComparison.Ordinal),
    };

    public ComposedEmail WithUnsubscribeUrl(string url, Func<string, string> htmlEncode) => this with
    {
        Html = Html.Replace(UnsubscribePlaceholder, htmlEncode(url), StringComparison.Ordinal),
        Text = Text.Replace(UnsubscribePlaceholder, url, StringComparison.Ordinal),
    };
}
