using Microsoft.Extensions.Configuration;

namespace Snapshots.Email;

/// <summary>
/// Configuration section <c>SendGrid</c>. With no <see cref="ApiKey"/>, mail goes to the outbox folder instead.
/// <see cref="Host"/> is SendGrid's API base address (tests point it at a loopback endpoint).
/// </summary>
public sealed class SendGridOptions
{
    public const string Section = "SendGrid";
    public const string DefaultHost = "https://api.sendgrid.com";

    public string? ApiKey { get; set; }
    public string FromEmail { get; set; } = "alerts@snapshots.example";
    public string FromName { get; set; } = "Snapshots";
    /// <summary>SendGrid unsubscribe group (ASM) of same-day alerts; 0 means none.</summary>
    public int AlertsUnsubscribeGroupId { get; set; }
    /// <summary>SendGrid unsubscribe group (ASM) of weekly digests; 0 means none.</summary>
    public int DigestsUnsubscribeGroupId { get; set; }
    public string Host { get; set; } = DefaultHost;
    /// <summary>Mailbox for <c>List-Unsubscribe: &lt;mailto:…&gt;</c>; defaults to <c>unsubscribe@</c> the sender's domain.</summary>
    public string? UnsubscribeMailbox { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>The digest's group for a digest, the alerts' group for every other kind.</summary>
    public int UnsubscribeGroupOf(string kind) => kind == DigestEmail.Kind ? DigestsUnsubscribeGroupId : AlertsUnsubscribeGroupId;

    /// <summary><c>mailto:unsubscribe@example.com?subject=unsubscribe%20alert%20{subscriber}</c>: the unsubscribe address of one recipient and kind.</summary>
    public string UnsubscribeMailto(string kind, string subscriberId)
    {
        var mailbox = string.IsNullOrWhiteSpace(UnsubscribeMailbox)
            ? "unsubscribe@" + FromEmail[(FromEmail.LastIndexOf('@') + 1)..]
            : UnsubscribeMailbox.Trim();
        return $"mailto:{mailbox}?subject={Uri.EscapeDataString($"unsubscribe {kind} {subscriberId}")}";
    }

    public static SendGridOptions From(IConfiguration configuration)
    {
        var options = new SendGridOptions();
        configuration.GetSection(Section).Bind(options);
        if (!Uri.TryCreate(options.Host, UriKind.Absolute, out var host) || (host.Scheme != Uri.UriSchemeHttps && host.Scheme != Uri.UriSchemeHttp))
            throw new InvalidOperationException($"SendGrid:Host '{options.Host}' is not an http(s) address such as {DefaultHost}");
        if (!options.FromEmail.Contains('@'))
            throw new InvalidOperationException($"SendGrid:FromEmail '{options.FromEmail}' is not an email address");
        return options;
    }
}
