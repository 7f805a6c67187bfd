using System.Net;
using MimeKit;

namespace Snapshots.Email;

/// <summary>
/// The transport without an API key: writes each email to the outbox folder as <c>.eml</c> (MimeKit, multipart/alternative
/// with text and HTML, the <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c> headers) plus the <c>.html</c> body to open in a browser.
/// </summary>
public sealed class OutboxEmailSender(OutboxOptions outbox, SendGridOptions sender, Subscribers.SubscriberLinks links, TimeProvider clock) : IEmailSender
{
    public string Folder => outbox.Path;

    public string Describe() => $"outbox {outbox.Path}";

    public async Task<EmailSendResult> SendAsync(OutgoingEmail email, CancellationToken ct = default)
    {
        var (eml, html) = await WriteAsync(email, ct);
        return EmailSendResult.Sent(eml, eml, html);
    }

    /// <summary>Writes the two files and returns their full paths (also used by <c>snapshots digest --preview</c>).</summary>
    public async Task<(string Eml, string Html)> WriteAsync(OutgoingEmail email, CancellationToken ct = default)
    {
        var mailto = sender.UnsubscribeMailto(email.Kind, email.SubscriberId);
        var oneClick = (await links.UnsubscribeAsync(email.SubscriberId, ct)).AbsoluteUri;
        var manage = (await links.ManageAsync(email.SubscriberId, ct)).AbsoluteUri;
        var content = email.Content.WithUnsubscribeUrl(oneClick, WebUtility.HtmlEncode).WithManageUrl(manage, WebUtility.HtmlEncode);
        Directory.CreateDirectory(outbox.Path);
        var now = clock.GetUtcNow();
        var stem = Path.Combine(outbox.Path, OutboxFileName.Of(now, email.Kind, email.SubscriberId, email.MessageKey));
        var eml = stem + ".eml";
        var html = stem + ".html";

        using var message = new MimeMessage();
        message.From.Add(new MailboxAddress(sender.FromName, sender.FromEmail));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = content.Subject;
        message.Date = now;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(sender.FromEmail[(sender.FromEmail.LastIndexOf('@') + 1)..]);
        // RFC 2369 + RFC 8058: the mailbox, and the https URL a mail client may POST "List-Unsubscribe=One-Click" to.
        message.Headers.Add("List-Unsubscribe", $"<{mailto}>, <{oneClick}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("X-Snapshots-Message-Key", email.MessageKey);
        message.Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody();

        await message.WriteToAsync(eml, ct);
        await File.WriteAllTextAsync(html, content.Html, ct);
        return (eml, html);
    }
}
