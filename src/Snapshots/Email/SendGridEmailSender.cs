using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Snapshots.Email;

/// <summary>
/// Sends through SendGrid's v3 <c>mail/send</c> with the official client: HTML and text content, the unsubscribe group of the
/// email's kind, a <c>List-Unsubscribe</c> header, and the message key as a custom arg (so events can be traced to deliveries).
/// 2xx is accepted; 429 and 5xx throw <see cref="RetryableSendException"/>; any other status is a permanent rejection.
/// </summary>
internal sealed class SendGridEmailSender : IEmailSender, IDisposable
{
    /// <summary>SendGrid's substitution tag for the recipient's unsubscribe link of the message's group.</summary>
    public const string GroupUnsubscribeTag = "<%asm_group_unsubscribe_raw_url%>";
    private const int DetailCharacters = 500;

    private readonly SendGridOptions _options;
    private readonly HttpClient _http;
    private readonly SendGridClient _client;
    private readonly ILogger<SendGridEmailSender> _log;

    private readonly Subscribers.SubscriberLinks _links;

    public SendGridEmailSender(SendGridOptions options, Subscribers.SubscriberLinks links, ILogger<SendGridEmailSender> log)
    {
        _links = links;
        if (!options.HasApiKey) throw new InvalidOperationException("SendGrid:ApiKey is not set");
        _options = options;
        _log = log;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = options.Timeout };
        _client = new SendGridClient(_http, new SendGridClientOptions { ApiKey = options.ApiKey, Host = options.Host });
    }

    public string Describe() => $"SendGrid ({_options.Host})";

    public async Task<EmailSendResult> SendAsync(OutgoingEmail email, CancellationToken ct = default)
    {
        var message = Build(email, (await _links.UnsubscribeAsync(email.SubscriberId, ct)).AbsoluteUri, (await _links.ManageAsync(email.SubscriberId, ct)).AbsoluteUri);
        Response response;
        try
        {
            response = await _client.SendEmailAsync(message, ct);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new RetryableSendException($"SendGrid could not be reached: {e.Message}", null, e);
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var id = response.Headers?.TryGetValues("X-Message-Id", out var values) == true ? values.FirstOrDefault() : null;
            return EmailSendResult.Sent(id);
        }
        var detail = await ExcerptAsync(response);
        if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
            throw new RetryableSendException($"SendGrid answered {status}{RetryAfter(response.Headers)}: {detail}", status);

        _log.LogWarning("SendGrid rejected {Kind} {MessageKey} with {Status}: {Detail}", email.Kind, email.MessageKey, status, detail);
        return EmailSendResult.Rejected(status, detail);
    }

    /// <summary>The v3 request for an email (public for tests and for reading what is sent).</summary>
    public SendGridMessage Build(OutgoingEmail email, string oneClickUrl, string manageUrl)
    {
        var unsubscribeMailto = _options.UnsubscribeMailto(email.Kind, email.SubscriberId);
        var group = _options.UnsubscribeGroupOf(email.Kind);
        // With a group, SendGrid fills in the recipient's own unsubscribe link; without one, the one-click page is the link.
        var content = email.Content.WithUnsubscribeUrl(group > 0 ? GroupUnsubscribeTag : oneClickUrl, html => group > 0 ? html : WebUtility.HtmlEncode(html))
            .WithManageUrl(manageUrl, WebUtility.HtmlEncode);

        var message = new SendGridMessage();
        message.SetFrom(new SendGrid.Helpers.Mail.EmailAddress(_options.FromEmail, _options.FromName));
        message.AddTo(new SendGrid.Helpers.Mail.EmailAddress(email.To));
        message.SetSubject(content.Subject);
        message.AddContent(MimeType.Text, content.Text);
        message.AddContent(MimeType.Html, content.Html);
        if (group > 0) message.SetAsm(group, [group]);
        // RFC 2369 + RFC 8058: the mailbox, and the https URL a mail client may POST "List-Unsubscribe=One-Click" to.
        message.AddHeader("List-Unsubscribe", $"<{unsubscribeMailto}>, <{oneClickUrl}>");
        message.AddHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.AddCategory(content.Category);
        message.AddCustomArg("message_key", email.MessageKey);
        message.AddCustomArg("subscriber", email.SubscriberId);
        // Tracking would rewrite the links (to SendGrid's) and add a pixel: the only links are the sources, kept as they are.
        message.SetClickTracking(false, false);
        message.SetOpenTracking(false);
        return message;
    }

    public void Dispose() => _http.Dispose();

    private static async Task<string> ExcerptAsync(Response response)
    {
        var body = response.Body is null ? "" : await response.Body.ReadAsStringAsync();
        body = body.ReplaceLineEndings(" ").Trim();
        return body.Length <= DetailCharacters ? body : body[..DetailCharacters] + "\u2026";
    }

    private static string RetryAfter(HttpResponseHeaders? headers) =>
        headers?.RetryAfter is { } retry ? $" (retry after {retry})" : "";
}
