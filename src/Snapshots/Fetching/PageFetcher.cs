using System.Buffers;
using System.Net;
using Microsoft.Extensions.Options;
using Polly.Timeout;

using Snapshots.Text;

namespace Snapshots.Fetching;

/// <summary>
/// Fetches one source URL within the <see cref="FetchOptions"/> limits: follows redirects itself,
/// makes the request conditional, streams the body up to the size limit and accepts only the media
/// types Snapshots can extract. Every failure is a <see cref="FetchException"/> naming the URL.
/// Retries and the SSRF guard live in the HTTP client configured by <c>AddSnapshotsFetching</c>.
/// </summary>
public sealed class PageFetcher(HttpClient client, IOptions<FetchOptions> options, TimeProvider time, PerHostConcurrency perHost)
{
    private const string Accept = "text/html,application/xhtml+xml,text/plain;q=0.9,application/pdf;q=0.9,*/*;q=0.1";
    private readonly FetchOptions _options = options.Value;

    public async Task<FetchedPage> FetchAsync(Uri url, ConditionalRequest? conditional, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var turn = await perHost.EnterAsync(url, ct).ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(_options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        var current = url;
        var redirects = 0;

        FetchException Fail(string reason, Exception? inner = null) =>
            new(url, current == url ? reason : $"{reason} (at {current} after {redirects} redirect{(redirects == 1 ? "" : "s")})", inner);

        try
        {
            while (true)
            {
                if (current.Scheme != Uri.UriSchemeHttp && current.Scheme != Uri.UriSchemeHttps)
                    throw Fail($"unsupported scheme {current.Scheme}: only http and https are fetched");

                var requestedAt = time.GetUtcNow();
                var connection = ConnectionObserver.Begin();
                using var response = await SendAsync(current, conditional, linked.Token).ConfigureAwait(false);
                if (IsRedirect(response.StatusCode))
                {
                    var location = response.Headers.Location
                        ?? throw Fail($"HTTP {(int)response.StatusCode} redirect without a Location header");
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (next.OriginalString.Length > ResponseFields.MaxUrlLength || next.AbsoluteUri.Length > ResponseFields.MaxUrlLength)
                        throw Fail($"HTTP {(int)response.StatusCode} redirect to a URL longer than {ResponseFields.MaxUrlLength} characters");
                    if (redirects == _options.MaxRedirects)
                        throw Fail($"redirect limit ({_options.MaxRedirects}) exceeded: next was {next}");
                    current = next;
                    redirects++;
                    continue;
                }
                return await ReadPageAsync(url, current, response, conditional, Fail, requestedAt, connection, linked.Token).ConfigureAwait(false);
            }
        }
        catch (FetchException)
        {
            throw;
        }
        catch (TimeoutRejectedException e)
        {
            var scope = e.Timeout == _options.AttemptTimeout && e.Timeout != _options.Timeout ? " on every attempt" : "";
            throw Fail($"timed out after {Describe.Duration(e.Timeout)}{scope}", e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw Fail($"timed out after {Describe.Duration(_options.Timeout)}", e);
        }
        catch (HttpRequestException e) when (AddressRefusedException.FindIn(e) is { } refused)
        {
            throw Fail(refused.Message, e);
        }
        catch (HttpRequestException e)
        {
            throw Fail($"request failed: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw Fail($"reading the body failed: {e.Message}", e);
        }
    }

    private Task<HttpResponseMessage> SendAsync(Uri url, ConditionalRequest? conditional, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        // Set here rather than by the handler, so that the WARC request record holds every header sent.
        // IdnHost drops an IPv6 literal's brackets, which a Host header needs (Host keeps them).
        var host = url.HostNameType == UriHostNameType.IPv6 ? url.Host : url.IdnHost;
        request.Headers.Host = url.IsDefaultPort ? host : $"{host}:{url.Port}";
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", Accept);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", ContentDecoding.AcceptEncoding);
        if (conditional?.ETag is { } etag) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        if (conditional?.LastModified is { } lastModified) request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently
        or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private async Task<FetchedPage> ReadPageAsync(
        Uri url, Uri finalUrl, HttpResponseMessage response, ConditionalRequest? conditional,
        Func<string, Exception?, FetchException> fail, DateTimeOffset requestedAt, ConnectionObserver.Slot connection, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var contentType = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out var values) ? values.ToString() : null;
        var verdict = MediaTypeDetector.FromHeader(contentType, out var mediaType);
        var etag = ResponseFields.ETag(response.Headers.ETag?.ToString());
        var charset = ResponseFields.Charset(contentType);
        var lastModified = response.Content.Headers.LastModified?.ToString("R");

        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            if (conditional is null || conditional.IsEmpty) throw fail("HTTP 304 Not Modified to a request that was not conditional", null);
            return new FetchedPage(url, finalUrl, status, verdict == MediaTypeDetector.Verdict.Supported ? mediaType : "", [],
                etag ?? conditional.ETag, lastModified ?? conditional.LastModified, NotModified: true);
        }
        if (!response.IsSuccessStatusCode) throw fail(DescribeFailure(response), null);
        if (verdict == MediaTypeDetector.Verdict.Unsupported) throw fail($"unsupported content type {ResponseFields.Quoted(mediaType)}", null);
        if (response.Content.Headers.ContentLength is { } length && length > _options.MaxBodyBytes)
            throw fail($"body of {Describe.Bytes(length)} exceeds the {Describe.Bytes(_options.MaxBodyBytes)} limit", null);

        var codings = ContentDecoding.Of(response.Content.Headers);
        if (ContentDecoding.Refusal(codings) is { } refusal) throw fail(refusal, null);

        var (body, wire) = await ReadBodyAsync(response.Content, codings, fail, ct).ConfigureAwait(false);
        if (verdict == MediaTypeDetector.Verdict.Supported && mediaType is not MediaTypes.Pdf && MediaTypeDetector.IsGzip(body))
            throw fail($"the body is still gzip-compressed{(codings.Count > 0 ? " after its Content-Encoding was decoded" : "")}: "
                + "a compression layer its headers do not declare is refused, not recorded as the page", null);
        if (verdict == MediaTypeDetector.Verdict.Unknown)
        {
            mediaType = MediaTypeDetector.Sniff(body) ?? throw fail(
                (contentType is null ? "no content type" : $"content type {ResponseFields.Quoted(mediaType)}") + ", and the body is neither HTML nor PDF", null);
        }
        var exchange = new HttpExchange(requestedAt, "GET", finalUrl, $"HTTP/{response.Version.Major}.{response.Version.Minor}",
            Fields(response.RequestMessage?.Headers.NonValidated), status, response.ReasonPhrase,
            [.. Fields(response.Headers.NonValidated), .. Fields(response.Content.Headers.NonValidated)], wire, connection.Tls);
        return new FetchedPage(url, finalUrl, status, mediaType, body, etag, lastModified, NotModified: false, charset, exchange);
    }

    /// <summary>Every header value as the HTTP stack holds it, one field per value, in its order.</summary>
    private static List<KeyValuePair<string, string>> Fields(System.Net.Http.Headers.HttpHeadersNonValidated? headers) =>
        headers is not { } h ? [] : [.. h.SelectMany(header => header.Value.Select(value => KeyValuePair.Create(header.Key, value)))];

    private string DescribeFailure(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var reason = $"HTTP {status} {ResponseFields.Quoted(response.ReasonPhrase ?? response.StatusCode.ToString())}".TrimEnd();
        if (FetchResilience.AsksToWaitTooLong(response, _options, time))
        {
            var asked = RetryAfterDelay.From(response, time.GetUtcNow())!.Value;
            return $"{reason}: Retry-After of {Describe.Duration(asked)} exceeds the {Describe.Duration(_options.MaxRetryAfter)} limit";
        }
        if (FetchResilience.IsTransientStatus(status) && _options.MaxRetries > 0)
            return $"{reason} (still failing after {_options.MaxRetries} retries)";
        return reason;
    }

    /// <summary>
    /// The body, decoded from its one content encoding, and the bytes as received before decoding (the same array when there
    /// is no encoding); the limit counts decoded bytes (see <see cref="ContentDecoding"/>) and bounds the received ones too.
    /// </summary>
    private async Task<(byte[] Body, byte[] Wire)> ReadBodyAsync(HttpContent content, IReadOnlyList<string> codings, Func<string, Exception?, FetchException> fail, CancellationToken ct)
    {
        var limit = _options.MaxBodyBytes;
        var received = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using var _ = received.ConfigureAwait(false);
        using var copy = codings.Count == 0 ? null : new WireCopy(received, limit);
        var stream = ContentDecoding.Decode(copy ?? received, codings);
        await using var __ = stream.ConfigureAwait(false);
        using var body = new MemoryStream((int)Math.Min(content.Headers.ContentLength ?? 64 * 1024, Math.Min(limit, int.MaxValue)));
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                // Decoded bytes: one budget for the page, whatever the compression ratio.
                if (body.Length + read > limit) throw fail($"body exceeds the {Describe.Bytes(limit)} limit", null);
                body.Write(chunk, 0, read);
            }
        }
        catch (Exception e) when (codings.Count > 0 && e is InvalidDataException or InvalidOperationException)
        {
            throw fail($"the body is not valid {ContentDecoding.Name(codings)} data, as its Content-Encoding says ({e.Message})", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        // A body that filled the buffer sized from Content-Length is returned as it is, not copied.
        var decoded = body.TryGetBuffer(out var filled) && filled.Offset == 0 && filled.Count == filled.Array!.Length ? filled.Array : body.ToArray();
        return (decoded, copy?.Bytes() ?? decoded);
    }
}
