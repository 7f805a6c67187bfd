namespace Snapshots.Email;

/// <summary>
/// A rendered email: subject, HTML and plain-text bodies, and the SendGrid category (<c>alert</c> or <c>digest</c>).
/// The bodies hold <see cref="UnsubscribePlaceholder"/> where the unsubscribe link goes; each sender puts its own link there
/// (SendGrid's group unsubscribe URL, or the mailto address for the outbox).
/// </summary>
public sealed record ComposedEmail(string Subject, string Html, string Text, string Category)
{
    /// <summary>Made of characters that HTML encoding leaves alone, so replacing it after rendering is safe.</summary>
    public const string UnsubscribePlaceholder = "SNAPSHOTS_UNSUBSCRIBE_URL";

    public ComposedEmail WithUnsubscribeUrl(string url, Func<string, string> htmlEncode) => this with
    {
        Html = Html.Replace(UnsubscribePlaceholder, htmlEncode(url), StringComparison.Ordinal),
        Text = Text.Replace(UnsubscribePlaceholder, url, StringComparison.Ordinal),
    };
}
