using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Snapshots.Archive;

/// <summary>A token an authority gave for a chain hash, checked by <see cref="TimestampValidator"/>.</summary>
public sealed record ObtainedTimestamp(string Authority, byte[] Response, TimestampFacts Facts);

/// <summary>
/// Asks the configured RFC 3161 authorities, in order (or every one of them), for a token over a chain hash (the SHA-256 imprint, a random
/// nonce, the signer certificate requested). An answer that is not a valid token for this hash is rejected and logged,
/// and the next authority is asked.
/// </summary>
public sealed class TimestampAuthorityClient(HttpClient http, TimestampValidator validator, IOptions<EvidenceOptions> options, ILogger<TimestampAuthorityClient> log)
{
    private const int MaxResponseBytes = 1 << 20;

    /// <summary>The first valid token, or null with each authority's failure.</summary>
    public async Task<(ObtainedTimestamp? Token, IReadOnlyList<string> Failures)> RequestAsync(string chainHash, DateTimeOffset capturedAt, CancellationToken ct)
    {
        var failures = new List<string>();
        foreach (var authority in options.Value.TimestampAuthorities.Where(a => !string.IsNullOrWhiteSpace(a)))
        {
            var failure = await TryAuthorityAsync(authority.Trim(), chainHash, capturedAt, ct);
            if (failure.Token is not null) return (failure.Token, failures);
            failures.Add($"{authority}: {failure.Problem}");
        }
        return (null, failures);
    }

    /// <summary>
    /// A token from every configured authority that gives a valid one for <paramref name="imprint"/> (long-term timestamps:
    /// independent authorities, so one's failure or distrust leaves the others), with each other authority's failure.
    /// </summary>
    public async Task<(IReadOnlyList<ObtainedTimestamp> Tokens, IReadOnlyList<string> Failures)> RequestEveryAsync(string imprint, DateTimeOffset notBefore, CancellationToken ct)
    {
        var tokens = new List<ObtainedTimestamp>();
        var failures = new List<string>();
        foreach (var authority in options.Value.TimestampAuthorities.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct(StringComparer.Ordinal))
        {
            var answer = await TryAuthorityAsync(authority, imprint, notBefore, ct);
            if (answer.Token is not null) tokens.Add(answer.Token);
            else failures.Add($"{authority}: {answer.Problem}");
        }
        return (tokens, failures);
    }

    private async Task<(ObtainedTimestamp? Token, string? Problem)> TryAuthorityAsync(string authority, string chainHash, DateTimeOffset capturedAt, CancellationToken ct)
    {
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return (null, "is not an http(s) URL");

        var request = Rfc3161TimestampRequest.CreateFromHash(Convert.FromHexString(chainHash), HashAlgorithmName.SHA256,
            nonce: RandomNumberGenerator.GetBytes(8), requestSignerCertificates: true);
        byte[] body;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            timeout.CancelAfter(options.Value.RequestTimeout);
            try
            {
                using var content = new ByteArrayContent(request.Encode());
                content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
                using var response = await http.PostAsync(url, content, timeout.Token);
                if (!response.IsSuccessStatusCode) return (null, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                if (response.Content.Headers.ContentLength > MaxResponseBytes) return (null, "answer larger than 1 MiB");
                body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                if (body.Length > MaxResponseBytes) return (null, "answer larger than 1 MiB");
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return (null, $"no answer within {options.Value.RequestTimeout}");
            }
            catch (HttpRequestException e)
            {
                return (null, e.Message);
            }
        }

        string? refusal = null;
        try
        {
            // Checks status, nonce, imprint and that the signer certificate is included, against this request.
            request.ProcessResponse(body, out _);
        }
        catch (CryptographicException e)
        {
            refusal = e.Message;
        }
        var verdict = validator.Check(body, chainHash, capturedAt);
        if (refusal is null && verdict.Valid && verdict.Facts is { } facts) return (new ObtainedTimestamp(authority, body, facts), null);

        var problems = string.Join("; ", new[] { refusal }.Concat(verdict.Problems).OfType<string>().Distinct());
        log.LogError("Timestamp authority {Authority} answered with a token that was rejected for chain hash {ChainHash}: {Problems}", authority, chainHash, problems);
        return (null, $"token rejected: {problems}");
    }
}
