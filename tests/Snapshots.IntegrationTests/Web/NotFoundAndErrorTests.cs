using System.Net;
using System.Text.Json;

namespace Snapshots.IntegrationTests.Web;

/// <summary>
/// Every miss says what was not found and where to go (with "did you mean" when a close id exists); <c>latest</c> works wherever a
/// version number does; every API error is an RFC 9457 problem with a title and detail; the OpenAPI document is titled for Snapshots.
/// </summary>
public sealed class NotFoundAndErrorTests
{
    [Theory]
    [InlineData("/no/such/page", "Nothing is at &#39;/no/such/page&#39;.", null)]
    [InlineData("/platforms/exmaple-ai", "No platform &#39;exmaple-ai&#39; is tracked.", "/platforms/example-ai")]
    [InlineData("/platforms/example-ai/privacy-polcy", "Example AI has no document &#39;privacy-polcy&#39;.", "/platforms/example-ai/privacy-policy")]
    [InlineData("/platforms/exmaple-ai/privacy-policy", "No document &#39;exmaple-ai/privacy-policy&#39; is tracked.", "/platforms/example-ai/privacy-policy")]
    [InlineData("/platforms/example-ai/privacy-policy/versions/9", "&#39;example-ai/privacy-policy&#39; has versions 1 to 2; there is no version &#39;9&#39;.", null)]
    [InlineData("/platforms/example-ai/privacy-policy/versions/two", "&#39;example-ai/privacy-policy&#39; has versions 1 to 2; there is no version &#39;two&#39;.", null)]
    [InlineData("/platforms/example-ai/privacy-policy/versions/9/text.md", "there is no version &#39;9&#39;", null)]
    [InlineData("/platforms/nobody/feed.atom", "No platform &#39;nobody&#39; is tracked.", null)]
    public async Task A_page_that_is_not_there_says_what_is_missing_and_links_to_the_nearest_page(string path, string message, string? didYouMean)
    {
        var (host, _, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var response = await http.GetAsync(path);
        var html = (await response.Content.ReadAsStringAsync()).Replace("&#x27;", "&#39;", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, html);
        Assert.Contains("<a href=\"/\">See the tracked platforms</a>", html);
        if (didYouMean is null) Assert.DoesNotContain("id=\"did-you-mean\"", html);
        else Assert.Contains($"Did you mean <a href=\"{didYouMean}\">", html);
        if (path.Contains("/versions/", StringComparison.Ordinal))
            Assert.Contains("<a href=\"/platforms/example-ai/privacy-policy/versions/2\">The latest version (2)</a>", html);
    }

    [Theory]
    [InlineData("/platforms/example-ai/privacy-policy/versions/latest", "/platforms/example-ai/privacy-policy/versions/2")]
    [InlineData("/platforms/example-ai/privacy-policy/versions/latest/text.md", "/platforms/example-ai/privacy-policy/versions/2/text.md")]
    [InlineData("/platforms/example-ai/privacy-policy/versions/LATEST?view=side", "/platforms/example-ai/privacy-policy/versions/2?view=side")]
    [InlineData("/api/documents/example-ai/terms-of-service/versions/latest", "/api/documents/example-ai/terms-of-service/versions/1")]
    [InlineData("/api/documents/example-ai/privacy-policy/versions/latest/text", "/api/documents/example-ai/privacy-policy/versions/2/text")]
    [InlineData("/api/documents/example-ai/privacy-policy/versions/latest/provisions", "/api/documents/example-ai/privacy-policy/versions/2/provisions")]
    public async Task Latest_is_accepted_wherever_a_version_number_is(string path, string target)
    {
        var (host, _, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseUri };

        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(target, response.Headers.Location?.OriginalString);
        Assert.True(response.Headers.CacheControl?.NoStore, "a redirect to the newest version is not cached");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(target)).StatusCode);
        Assert.Contains("version 2 to 2", await http.GetStringAsync("/platforms/example-ai/privacy-policy/compare?from=latest&to=latest"));
        var diff = JsonDocument.Parse(await http.GetStringAsync("/api/documents/example-ai/privacy-policy/diff?from=1&to=latest")).RootElement;
        Assert.Equal(2, diff.GetProperty("to").GetInt64());
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here", 404, "The API's endpoints are listed in /api/openapi/v1.json.")]
    [InlineData("GET", "/api/platforms/exmaple-ai", 404, "No platform 'exmaple-ai' is tracked. Did you mean Example AI (example-ai) (/platforms/example-ai)?")]
    [InlineData("GET", "/api/documents/example-ai/privacy-policy/versions/two", 404, "there is no version 'two'")]
    [InlineData("GET", "/api/documents/example-ai/privacy-policy/versions/99999999999999999999", 404, "there is no version '99999999999999999999'")]
    [InlineData("GET", "/api/documents/example-ai/privacy-policy/diff?from=one", 400, "'one' is neither")]
    [InlineData("POST", "/api/platforms", 405, "read with GET")]
    [InlineData("DELETE", "/api/documents/example-ai/privacy-policy", 405, "read with GET")]
    public async Task Every_api_error_is_a_problem_with_a_title_and_a_detail(string method, string path, int status, string detail)
    {
        var (host, _, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_page_error_left_empty_by_the_framework_is_a_page_saying_what_it_means()
    {
        var (host, _, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var response = await http.PostAsync("/platforms/example-ai", new StringContent(""));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This address does not take that method", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_is_titled_for_snapshots()
    {
        var (host, _, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var info = JsonDocument.Parse(await http.GetStringAsync("/api/openapi/v1.json")).RootElement.GetProperty("info");
        Assert.Equal("Snapshots archive API", info.GetProperty("title").GetString());
        Assert.Equal("1.0", info.GetProperty("version").GetString());
        Assert.Contains("application/problem+json", info.GetProperty("description").GetString());
        Assert.DoesNotContain("Cli", info.GetProperty("title").GetString());
    }
}
