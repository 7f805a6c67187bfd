using Microsoft.Extensions.Options;

namespace Snapshots.Archive;

/// <summary>
/// Fetches a revocation answer named by a timestamp authority's certificate, through the SSRF guard (the address comes from
/// a certificate, not from the operator), within <see cref="EvidenceOptions.MaxRevocationBytes"/> and
/// <see cref="EvidenceOptions.RequestTimeout"/> (headers and body together): a certificate revocation list (GET), or an
/// OCSP answer (POST of the request, <see cref="OcspCheck"/>).
/// </summary>
public sealed class RevocationFetcher(HttpClient http, IOptions<EvidenceOptions> options)
{
    /// <summary>The revocation list's bytes, or null with why there are none.</summary>
    public Task<(byte[]? Body, string? Problem)> FetchAsync(string url, CancellationToken ct) => SendAsync(url, uri => new HttpRequestMessage(HttpMethod.Get, uri), ct);

    /// <summary>The OCSP responder's answer to <paramref name="request"/> (DER), or null with why there is none.</summary>
    public Task<(byte[]? Body, string? Problem)> AskOcspAsync(string url, byte[] request, CancellationToken ct) => SendAsync(url, uri =>
    {
        var content = new ByteArrayContent(request);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(OcspCheck.RequestMediaType);
        return new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
    }, ct);

    private async Task<(byte[]? Body, string? Problem)> SendAsync(string url, Func<Uri, HttpRequestMessage> requestFor, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return (null, $"{url} is not an http(s) URL");
        var limit = options.Value.MaxRevocationBytes;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            using var request = requestFor(uri);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode) return (null, $"{url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            if (response.Content.Headers.ContentLength > limit) return (null, $"{url} answered more than {limit} bytes");
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var body = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                if (body.Length + read > limit) return (null, $"{url} answered more than {limit} bytes");
                body.Write(buffer, 0, read);
            }
            return (body.ToArray(), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"{url} gave no answer within {options.Value.RequestTimeout}");
        }
        catch (HttpRequestException e)
        {
            return (null, $"{url}: {e.Message}");
        }
    }
}
