using System.Net;
using System.Text.Json;
using Snapshots.Web.Pages;

namespace Snapshots.IntegrationTests.Web;

/// <summary><c>/search</c> and <c>/api/search</c> over platforms, documents, clause types and provisions: found by every word, bounded, paged, linked from every page.</summary>
public sealed class SearchTests
{
    [Fact]
    public async Task Search_finds_platforms_documents_and_provisions_by_their_words_and_the_api_answers_the_same()
    {
        var (host, _, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        Assert.Contains("<a href=\"/search\">Search</a>", await http.GetStringAsync("/"));
        var platform = await http.GetStringAsync("/search?q=example");
        Assert.Contains("<a href=\"/platforms/example-ai\">Example AI</a>", platform);
        Assert.Contains("<a href=\"/platforms/example-ai/privacy-policy\">Example AI: Privacy Policy</a>", platform);

        // Every word must be found: "prompts 90" is the retention provision of the latest privacy policy, not the terms.
        var provision = await http.GetStringAsync("/search?q=prompts+90");
        Assert.Contains("<span class=\"badge\">provision</span>", provision);
        Assert.Contains("Example AI: Privacy Policy, version 2", provision);
        Assert.Contains("href=\"/platforms/example-ai/privacy-policy/provisions/", provision);
        Assert.DoesNotContain("Terms of Service", provision);
        Assert.Contains("Nothing found for", await http.GetStringAsync("/search?q=prompts+zeppelin"));

        var api = JsonDocument.Parse(await http.GetStringAsync("/api/search?q=prompts+90")).RootElement;
        Assert.Equal("prompts 90", api.GetProperty("query").GetString());
        var result = api.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("kind").GetString() == "provision");
        Assert.StartsWith(host.Url("/platforms/example-ai/privacy-policy/provisions/").AbsoluteUri, result.GetProperty("url").GetString());
        Assert.Contains("90 days", result.GetProperty("excerpt").GetString());
    }

    [Fact]
    public async Task A_query_past_the_bounds_is_refused_saying_why_and_results_come_a_page_at_a_time()
    {
        var (host, _, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var tooLong = await http.GetAsync("/search?q=" + new string('a', SiteSearch.MaxQueryLength + 1));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains($"A search is at most {SiteSearch.MaxQueryLength} characters; this one has {SiteSearch.MaxQueryLength + 1}.", await tooLong.Content.ReadAsStringAsync());
        var tooMany = await http.GetAsync("/api/search?q=" + string.Join('+', Enumerable.Range(0, SiteSearch.MaxTerms + 1).Select(i => $"w{i}")));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("application/problem+json", tooMany.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"at most {SiteSearch.MaxTerms} words", JsonDocument.Parse(await tooMany.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());

        // Many platforms: the results are paged, every hit once.
        for (var i = 0; i < SiteSearch.PageSize + 5; i++)
            await host.Tracked.Catalog.UpsertAsync(global::Snapshots.Catalog.DeclarationParser.Parse(
                Infrastructure.PolicyPages.Declaration($"Paged {i:D2} AI", ("Privacy Policy", host.Tracked.Site.Url($"/p{i}"))), $"paged-{i:D2}-ai.json").Documents.Single());
        var first = JsonDocument.Parse(await http.GetStringAsync("/api/search?q=paged")).RootElement;
        var second = JsonDocument.Parse(await http.GetStringAsync("/api/search?q=paged&page=2")).RootElement;
        Assert.Equal(2 * (SiteSearch.PageSize + 5), first.GetProperty("total").GetInt32());
        Assert.Equal(3, first.GetProperty("pages").GetInt32());
        var urls = new[] { first, second, JsonDocument.Parse(await http.GetStringAsync("/api/search?q=paged&page=3")).RootElement }
            .SelectMany(p => p.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("url").GetString())).ToList();
        Assert.Equal(urls.Count, urls.Distinct().Count());
        Assert.Equal(2 * (SiteSearch.PageSize + 5), urls.Count);
        var page = await http.GetStringAsync("/search?q=paged&page=2");
        Assert.Contains("Showing 21\u201340 of 50.", page);
        Assert.Contains("href=\"/search?q=paged&amp;page=3\"", page);
    }
}
