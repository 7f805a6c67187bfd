using Microsoft.Extensions.Options;
using Snapshots.Text;

namespace Snapshots.Fetching;

/// <summary>
/// Asks again for what a render loaded (<see cref="RenderInputs"/>), each with its validators, through the same SSRF guard as the
/// browser's requests (<see cref="BrowserRequestGuard"/>), the document first and taking its turn with the host
/// (Fetch:PerHostRequestsPerMinute). Every response unchanged (304, or 200 with the same SHA-256; for a response the render got
/// as a client error, the same status and SHA-256, asked for without validators) means the render would load the same things
/// again: no browser is needed. Anything else (a changed body or status, a failure, a refusal, a redirect elsewhere) stops at
/// once and the page is rendered.
/// </summary>
public sealed class RenderRevalidator(IOptions<FetchOptions> options, PerHostPoliteness politeness) : IDisposable
{
    private readonly FetchOptions _fetch = options.Value;
    private readonly Lazy<BrowserRequestGuard> _guard = new(() => new BrowserRequestGuard(options.Value));

    public async Task<RenderRevalidation> RevalidateAsync(RenderInputs inputs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using (var navigation = new HttpRequestMessage(HttpMethod.Get, inputs.Inputs[0].Url))
            await politeness.WaitForTurnAsync(navigation, ct).ConfigureAwait(false);
        var notModified = 0;
        var sameHash = 0;
        foreach (var input in inputs.Inputs)
        {
            var validators = new ConditionalRequest(input.ETag, input.LastModified);
            var (response, failure) = await _guard.Value.GetAsync(input.Url, validators.IsEmpty ? null : validators, _fetch.UserAgent, ct).ConfigureAwait(false);
            if (response is null) return RenderRevalidation.Changed($"{input.Url} could not be revalidated ({failure})");
            if (response.Status == 304 && !validators.IsEmpty) { notModified++; continue; }
            if (input.Succeeded ? !RenderInput.IsSuccess(response.Status) : response.Status != input.Status)
                return RenderRevalidation.Changed($"{input.Url} answered HTTP {response.Status}{(input.Succeeded ? "" : $" (the last render got HTTP {input.Status})")}");
            if (Sha256Hex.Of(response.Body) != input.Sha256) return RenderRevalidation.Changed($"{input.Url} changed");
            sameHash++;
        }
        return new RenderRevalidation(true,
            $"{inputs.Inputs.Count} response{(inputs.Inputs.Count == 1 ? "" : "s")} the last render loaded revalidated ({notModified} not modified, {sameHash} same SHA-256): "
            + string.Join(", ", inputs.Inputs.Select(i => i.Succeeded ? i.Url.PathAndQuery : $"{i.Url.PathAndQuery} (HTTP {i.Status})")));
    }

    public void Dispose()
    {
        if (_guard.IsValueCreated) _guard.Value.Dispose();
    }
}

/// <summary>Whether everything a render loaded is unchanged, and which responses were revalidated or what changed.</summary>
public sealed record RenderRevalidation(bool Unchanged, string Detail)
{
    public static RenderRevalidation Changed(string detail) => new(false, detail);
}
