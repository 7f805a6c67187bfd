using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Snapshots.Archive;

/// <summary>What the Save Page Now API answered.</summary>
public abstract record WaybackAnswer
{
    /// <summary>The capture was accepted as job <see cref="JobId"/>.</summary>
    public sealed record Submitted(string JobId) : WaybackAnswer;
    /// <summary>The job is still running.</summary>
    public sealed record Pending : WaybackAnswer;
    /// <summary>The job finished: the capture's time (<c>yyyyMMddHHmmss</c>, UTC), the URL captured and its digest when given.</summary>
    public sealed record Captured(string Timestamp, string OriginalUrl, string? Digest) : WaybackAnswer;
    /// <summary>Too many requests (429) or the service is unavailable (5xx, no answer): try again after <see cref="Wait"/> (null: back off).</summary>
    public sealed record TryLater(TimeSpan? Wait, string Reason) : WaybackAnswer;
    /// <summary>The capture or the job failed for good; <see cref="Reason"/> names why.</summary>
    public sealed record Failed(string Reason) : WaybackAnswer;
}

/// <summary>
/// The Wayback Machine's Save Page Now 2 API: <c>POST {endpoint}/save</c> (form <c>url=…</c>, <c>Authorization: LOW key:secret</c>,
/// JSON answer with <c>job_id</c>) and <c>GET {endpoint}/save/status/{job_id}</c> until <c>status</c> is <c>success</c>
/// (<c>timestamp</c>, <c>original_url</c>) or <c>error</c>. Answers are bounded to 64 KiB and read as untrusted JSON.
/// </summary>
public sealed class WaybackClient(HttpClient http, IOptions<WaybackOptions> options, TimeProvider clock)
{
    private const int MaxAnswerBytes = 64 * 1024;

    public Task<WaybackAnswer> SubmitAsync(string url, CancellationToken ct) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Address("save"))
        {
            Content = new FormUrlEncodedContent([new("url", url), new("skip_first_archive", "1")]),
        }, submitting: true, ct);

    public Task<WaybackAnswer> StatusAsync(string jobId, CancellationToken ct) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Address("save/status/" + Uri.EscapeDataString(jobId))), submitting: false, ct);

    /// <summary>The replay address of a capture: <c>{ReplayBase}{timestamp}/{url}</c>.</summary>
    public string ReplayUrl(string timestamp, string url) => options.Value.ReplayBase.TrimEnd('/') + "/" + timestamp + "/" + url;

    private Uri Address(string path) => new(options.Value.Endpoint.TrimEnd('/') + "/" + path);

    private async Task<WaybackAnswer> SendAsync(Func<HttpRequestMessage> build, bool submitting, CancellationToken ct)
    {
        var settings = options.Value;
        using var request = build();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("Authorization", $"LOW {settings.AccessKey}:{settings.SecretKey}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var wait = RetryAfter(response);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) return new WaybackAnswer.TryLater(wait, "HTTP 429 Too Many Requests");
            if ((int)response.StatusCode >= 500) return new WaybackAnswer.TryLater(wait, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            if (!response.IsSuccessStatusCode) return new WaybackAnswer.Failed($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            var body = await ReadBoundedAsync(response, timeout.Token);
            if (body is null) return new WaybackAnswer.Failed($"an answer larger than {MaxAnswerBytes} bytes");
            return Read(body, submitting);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WaybackAnswer.TryLater(null, $"no answer within {settings.RequestTimeout}");
        }
        catch (HttpRequestException e)
        {
            return new WaybackAnswer.TryLater(null, e.Message);
        }
    }

    private static WaybackAnswer Read(byte[] body, bool submitting)
    {
        JsonElement root;
        try { root = JsonDocument.Parse(body).RootElement; }
        catch (JsonException) { return new WaybackAnswer.Failed("an answer that is not JSON"); }
        if (root.ValueKind != JsonValueKind.Object) return new WaybackAnswer.Failed("an answer that is not a JSON object");
        var status = Text(root, "status");
        if (status == "error")
            return new WaybackAnswer.Failed($"{Text(root, "status_ext") ?? "error"}: {Bounded(Text(root, "message") ?? "(no message)")}");
        if (submitting)
            return Text(root, "job_id") is { Length: > 0 and <= 200 } job ? new WaybackAnswer.Submitted(job) : new WaybackAnswer.Failed("an answer without a job_id");
        if (status == "pending") return new WaybackAnswer.Pending();
        if (status != "success") return new WaybackAnswer.Failed($"an unknown status '{Bounded(status ?? "(none)")}'");
        var timestamp = Text(root, "timestamp");
        var original = Text(root, "original_url");
        if (timestamp is not { Length: 14 } || !timestamp.All(char.IsAsciiDigit)
            || !DateTime.TryParseExact(timestamp, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _))
            return new WaybackAnswer.Failed($"a success without a 14-digit timestamp ('{Bounded(timestamp ?? "(none)")}')");
        if (original is null || !Uri.TryCreate(original, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || original.Length > 2048)
            return new WaybackAnswer.Failed("a success without an http(s) original_url");
        var digest = Text(root, "digest");
        if (digest is not null && (digest.Length > 128 || !digest.All(char.IsAsciiLetterOrDigit))) digest = null;
        return new WaybackAnswer.Captured(timestamp, original, digest);
    }

    /// <summary>The capture time a 14-digit Wayback timestamp names (UTC).</summary>
    public static DateTimeOffset TimeOf(string timestamp) =>
        new(DateTime.ParseExact(timestamp, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date) { var now = clock.GetUtcNow(); return date > now ? date - now : TimeSpan.Zero; }
        return null;
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > MaxAnswerBytes) return null;
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > MaxAnswerBytes) return null;
            body.Write(buffer, 0, read);
        }
        return body.ToArray();
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Bounded(string text) => Snapshots.Text.VisibleText.Bounded(text, 200);
}
