using System.Net;
using MimeKit;

namespace Snapshots.Email;

/// <summary>
/// The transport without an API key: writes each email to the outbox folder as <c>.eml</c> (MimeKit, multipart/alternative
/// with text and HTML, the <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c> headers) plus the <c>.html</c> body to open in a browser.
/// A sent email's file name ends with its delivery id (<see cref="OutboxFileName.ForDelivery"/>), and the <c>.eml</c> is
/// written last, whole, under its final name: a second attempt at a delivery (its delivery row lost or not marked) finds the
/// first one's file and writes nothing.
/// </summary>
public sealed class OutboxEmailSender(OutboxOptions outbox, SendGridOptions sender, Subscribers.SubscriberLinks links, TimeProvider clock) : IEmailSender
{
    public string Folder => outbox.Path;

    public string Describe() => $"outbox {outbox.Path}";

    public async Task<EmailSendResult> SendAsync(OutgoingEmail email, CancellationToken ct = default)
    {
        if (Written(email) is { } existing) return EmailSendResult.FoundSent(existing, existing, Path.ChangeExtension(existing, ".html"));
        var stem = OutboxFileName.ForDelivery(clock.GetUtcNow(), email.Kind, email.SubscriberId, email.MessageKey, email.DeliveryId);
        var (eml, html) = await WriteAsync(email, stem, ct);
        return EmailSendResult.Sent(eml, eml, html);
    }

    public Task<EmailLookup> FindAcceptedAsync(OutgoingEmail email, CancellationToken ct = default) =>
        Task.FromResult(Written(email) is { } eml ? EmailLookup.Found(eml) : EmailLookup.NotFound);

    /// <summary>
    /// Writes the two files of a preview (<c>snapshots digest --preview</c>), named by the time and the key without a delivery
    /// id, and returns their full paths.
    /// </summary>
    public Task<(string Eml, string Html)> WriteAsync(OutgoingEmail email, CancellationToken ct = default) =>
        WriteAsync(email, OutboxFileName.Of(clock.GetUtcNow(), email.Kind, email.SubscriberId, email.MessageKey), ct);

    private string? Written(OutgoingEmail email) =>
        Directory.Exists(outbox.Path) ? Directory.EnumerateFiles(outbox.Path, OutboxFileName.DeliveryPattern(email.DeliveryId)).FirstOrDefault() : null;

    private async Task<(string Eml, string Html)> WriteAsync(OutgoingEmail email, string name, CancellationToken ct)
    {
        var mailto = sender.UnsubscribeMailto(email.Kind, email.SubscriberId);
        var oneClick = (await links.UnsubscribeAsync(email.SubscriberId, ct)).AbsoluteUri;
        var manage = (await links.ManageAsync(email.SubscriberId, ct)).AbsoluteUri;
        var content = email.Content.WithUnsubscribeUrl(oneClick, WebUtility.HtmlEncode).WithManageUrl(manage, WebUtility.HtmlEncode);
        Directory.CreateDirectory(outbox.Path);
        var now = clock.GetUtcNow();
        var stem = Path.Combine(outbox.Path, name);
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
        message.Headers.Add("X-Snapshots-Delivery", email.DeliveryId);
        message.Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody();

        await File.WriteAllTextAsync(html, content.Html, ct);
        // Whole or not at all: a crash mid-write leaves only the partial file, which no lookup matches.
        var partial = stem + ".eml.partial";
        await message.WriteToAsync(partial, ct);
        File.Move(partial, eml, overwrite: true);
        return (eml, html);
    }
}
