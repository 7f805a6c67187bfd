using System.Net;
using System.Text.RegularExpressions;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>An HTTP client with a cookie jar that fills the site's forms as a browser would: GET the form for its token, then POST.</summary>
public sealed partial class FormClient : IDisposable
{
    private readonly HttpClient _http;

    public FormClient(Uri baseUri) =>
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseUri };

    public HttpClient Http => _http;

    /// <summary>The CSRF token of the form at <paramref name="path"/> (the cookie lands in the jar).</summary>
    public async Task<string> TokenAsync(string path)
    {
        var html = await _http.GetStringAsync(path);
        return CsrfField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"no csrf field in {path}");
    }

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, params (string Name, string Value)[] fields)
    {
        var response = await _http.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<(HttpStatusCode Status, string Body)> SignUpAsync(string email, string plan, params string[] platforms)
    {
        var token = await TokenAsync("/subscribe");
        return await PostAsync("/subscribe", [("csrf", token), ("email", email), ("plan", plan), .. platforms.Select(p => ("platform", p))]);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]*)\"")]
    private static partial Regex CsrfField();
}
