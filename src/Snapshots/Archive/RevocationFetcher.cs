using Microsoft.Extensions.Options;

namespace Snapshots.Archive;

/// <summary>
/// Fetches a certificate revocation list named by a timestamp authority's certificate, through the SSRF guard (the address
/// comes from a certificate, not from the operator), within <see cref="EvidenceOptions.MaxRevocationBytes"/> and
/// <see cref="EvidenceOptions.RequestTimeout"/>.
/// </summary>
public sealed class RevocationFetcher(HttpClient http, IOptions<EvidenceOptions> options)
{
    /// <summary>The answer's bytes, or null with why there are none.</summary>
    public async Task<(byte[]? Body, string? Problem)> FetchAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return (null, $"{url} is not an http(s) URL");
        var limit = options.Value.MaxRevocationBytes;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
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
