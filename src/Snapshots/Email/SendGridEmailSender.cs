using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Snapshots.Email;

/// <summary>
/// Sends through SendGrid's v3 <c>mail/send</c> with the official client: HTML and text content, the unsubscribe group of the
/// email's kind, a <c>List-Unsubscribe</c> header, and the message key and the delivery id as custom args (so events can be
/// traced to deliveries). 2xx is accepted; 429 and 5xx throw <see cref="RetryableSendException"/>; any other status is a permanent rejection.
/// <para>
/// <see cref="FindAcceptedAsync"/> asks SendGrid's Email Activity API (<c>GET /v3/messages</c>) for a message carrying the
/// delivery id (<c>unique_args['delivery']</c>), so an attempt that follows one whose "sent" mark was lost does not send again.
/// The Activity API is a paid add-on and lists a message a little after accepting it: without the add-on (401/403), or when it
/// cannot be reached, the answer is "unknown" and the email is sent again (the at-least-once trade-off of <see cref="DeliveryLedger"/>).
/// </para>
/// </summary>
internal sealed class SendGridEmailSender : IEmailSender, IDisposable
{
    /// <summary>SendGrid's substitution tag for the recipient's unsubscribe link of the message's group.</summary>
    public const string GroupUnsubscribeTag = "<%asm_group_unsubscribe_raw_url%>";
    /// <summary>The custom arg that carries <see cref="OutgoingEmail.DeliveryId"/>.</summary>
    public const string DeliveryArg = "delivery";
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

    public async Task<EmailLookup> FindAcceptedAsync(OutgoingEmail email, CancellationToken ct = default)
    {
        var query = Uri.EscapeDataString($"unique_args['{DeliveryArg}']=\"{email.DeliveryId}\"");
        Response response;
        try
        {
            response = await _client.RequestAsync(BaseClient.Method.GET, urlPath: $"messages?limit=10&query={query}", cancellationToken: ct);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return EmailLookup.Unknown($"SendGrid's activity API could not be reached: {e.Message}");
        }
        if (!response.IsSuccessStatusCode)
            return EmailLookup.Unknown($"SendGrid's activity API answered {(int)response.StatusCode}");
        try
        {
            using var json = JsonDocument.Parse(await response.Body.ReadAsStringAsync(ct));
            if (!json.RootElement.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
                return EmailLookup.Unknown("SendGrid's activity API answered without a message list");
            var id = messages.EnumerateArray()
                .Select(m => m.TryGetProperty("msg_id", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null)
                .FirstOrDefault(value => !string.IsNullOrEmpty(value));
            return id is null ? EmailLookup.NotFound : EmailLookup.Found(id);
        }
        catch (JsonException e)
        {
            return EmailLookup.Unknown($"SendGrid's activity API answered what is not JSON: {e.Message}");
        }
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
        message.AddCustomArg(DeliveryArg, email.DeliveryId);
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
