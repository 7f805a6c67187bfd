using System.Text;
using Microsoft.Extensions.Options;
using Snapshots.Fetching;
using StandardWebhooks;

namespace Snapshots.Channels;

/// <summary>
/// Posts one payload to one channel, once: through the SSRF guard at connect time (<see cref="GuardedConnector"/> with the
/// fetcher's <see cref="NetworkAddressPolicy"/>, so a name that now resolves to a private or metadata address is refused), no
/// proxy, no cookies, no redirects followed (a redirect is a failed delivery naming where it pointed), within
/// <see cref="ChannelOptions.Timeout"/> for the whole exchange, reading at most <see cref="ChannelOptions.MaxResponseBytes"/> of
/// the answer. A webhook is signed per Standard Webhooks: <c>webhook-id</c> (the delivery's stable id, the same on every
/// attempt), <c>webhook-timestamp</c> (now, in Unix seconds) and <c>webhook-signature</c> (<c>v1,</c> and the base64
/// HMAC-SHA256 of <c>id.timestamp.body</c> with the channel's secret), by the StandardWebhooks package.
/// </summary>
public sealed class ChannelSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly ChannelOptions _options;
    private readonly TimeProvider _clock;

    public ChannelSender(IOptions<FetchOptions> fetch, ChannelOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        // The fetcher's guarded handler (no redirects, proxy, cookies or decompression; the SSRF guard at connect time), with
        // the channel's own connect time and a bound on the answer's headers.
        var handler = GuardedHttpHandler.Create(fetch.Value, options.Timeout);
        handler.MaxResponseHeadersLength = 64; // KiB
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Snapshots-Channels/1.0");
    }

    /// <summary>Sends <paramref name="body"/> to the channel; <paramref name="webhookId"/> is the delivery's stable id (<c>msg_…</c>).</summary>
    public async Task<ChannelSendResult> SendAsync(ChannelRecord channel, string webhookId, string body, CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (channel.Kind == ChannelKind.Webhook)
        {
            var now = _clock.GetUtcNow();
            var signature = new StandardWebhook(channel.Secret).Sign(webhookId, now, body);
            request.Headers.TryAddWithoutValidation("webhook-id", webhookId);
            request.Headers.TryAddWithoutValidation("webhook-timestamp", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("webhook-signature", signature);
        }
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            // A 2xx is the receiver's acceptance: its body is not read (a slow or endless one changes nothing).
            if (status is >= 200 and < 300) return ChannelSendResult.Delivered(status);
            var answer = await ReadBoundedAsync(response, timeout.Token);
            if (status is >= 300 and < 400)
                return ChannelSendResult.Failed(status, $"the receiver answered {status} (a redirect{(response.Headers.Location is { } to ? $" to {Text.VisibleText.Bounded(ChannelTarget.Shown(to.IsAbsoluteUri ? to.AbsoluteUri : new Uri(new Uri(channel.Url), to).AbsoluteUri), 120)}" : "")}); redirects are not followed: give the channel its final address");
            var detail = $"the receiver answered {status}{(answer.Length > 0 ? $": {Text.VisibleText.Bounded(answer, 200)}" : "")}";
            if (status is 408 or 429 or >= 500) return ChannelSendResult.Retry(status, detail, RetryAfterDelay.From(response, _clock.GetUtcNow()));
            return ChannelSendResult.Failed(status, detail);
        }
        catch (Exception e) when (AddressRefusedException.FindIn(e) is { } refused)
        {
            return ChannelSendResult.Failed(null, $"refused by the SSRF guard: {refused.Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ChannelSendResult.Retry(null, $"no complete answer within {_options.Timeout.TotalSeconds:0.#} s", null);
        }
        catch (HttpRequestException e)
        {
            return ChannelSendResult.Retry(null, $"could not reach the receiver: {Text.VisibleText.Bounded(e.Message, 200)}", null);
        }
    }

    /// <summary>
    /// At most MaxResponseBytes of an error answer, as text (to name the error); the rest is never read, and an answer still
    /// arriving when the attempt's time is up is named with what came of it.
    /// </summary>
    private async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (_options.MaxResponseBytes == 0) return "";
        var buffer = new byte[_options.MaxResponseBytes];
        var read = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
                if (n == 0) break;
                read += n;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            return Encoding.UTF8.GetString(buffer, 0, read) + " (answer cut off)";
        }
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>What one attempt came to: delivered, worth another attempt (with the delay the receiver asked for), or failed for good.</summary>
public sealed record ChannelSendResult(ChannelSendOutcome Outcome, int? Status, string Detail, TimeSpan? RetryAfter = null)
{
    public static ChannelSendResult Delivered(int status) => new(ChannelSendOutcome.Delivered, status, $"delivered ({status})");
    public static ChannelSendResult Retry(int? status, string detail, TimeSpan? retryAfter) => new(ChannelSendOutcome.Retry, status, detail, retryAfter);
    public static ChannelSendResult Failed(int? status, string detail) => new(ChannelSendOutcome.Failed, status, detail);
}

public enum ChannelSendOutcome
{
    Delivered,
    Retry,
    Failed,
}
