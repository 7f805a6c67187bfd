using Snapshots.Text;
using System.Net;
using System.Text.Json;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Provisions;

namespace Snapshots.IntegrationTests.Web;

/// <summary>
/// Provision pages over HTTP on checked documents: the quoted text with its matched words marked, evidence hashes that can be
/// recomputed, the change count and word diff after one clause changed (and not on the clause beside it), a removed
/// provision's page, and the document and platform pages listing provisions by clause type and severity.
/// </summary>
public sealed class ProvisionPagesTests
{
    private const string RetentionText = "We retain your prompts for 30 days.";
    private const string TrainingText = "We may use your conversations to train and improve our models.";

    [Fact]
    public async Task A_provision_page_quotes_its_marked_words_with_evidence_and_shows_its_own_changes_only()
    {
        var t = await ProvisionFixture.StartAsync();
        await using var _h = t.Host;
        using var http = new HttpClient { BaseAddress = t.Host.BaseUri };
        var retention = await SlugAsync(http, t.ExamplePrivacy, 1, RetentionText);
        var training = await SlugAsync(http, t.ExamplePrivacy, 1, TrainingText);
        var page = ProvisionPath(t.ExamplePrivacy, retention);

        var before = await http.GetStringAsync(page);
        Assert.Contains("<mark class=\"match\" title=\"Retention period: match\">retain your prompts for 30 days</mark>", before);
        Assert.Contains($"<code id=\"provision-sha256\">{Sha256Hex.Of(RetentionText)}</code>", before);
        var v1 = await t.Host.Pipeline.Get<VersionLedger>().GetAsync(t.ExamplePrivacy, 1);
        Assert.Contains($"<code id=\"version-sha256\">{v1.TextSha256}</code>", before);
        Assert.Contains($"<code id=\"chain-hash\">{v1.ChainHash}</code>", before);
        Assert.Contains("href=\"/platforms/example-ai/privacy-policy/versions/1\"", before);
        Assert.Contains("href=\"/platforms/example-ai/privacy-policy/versions/1/text.md\"", before);
        Assert.Contains(HashChain.FormatTime(v1.CapturedAt), before);
        var type = ClauseTypeCatalog.Default.Find("retention-period")!;
        Assert.Contains("medium severity", before);
        Assert.Contains(">explicit<", before);
        Assert.Contains(WebUtility.HtmlEncode(type.WhatItIs), before);
        Assert.Contains(WebUtility.HtmlEncode(type.Regulations[0]), before);
        Assert.Contains("This provision has not changed since tracking began", before);
        Assert.DoesNotContain("<del>", before);

        // The range the API gives is the provision's text in the archived version text, whose SHA-256 the page shows.
        var provision = await ProvisionJsonAsync(http, t.ExamplePrivacy, 1, retention);
        var versionText = await http.GetStringAsync("/platforms/example-ai/privacy-policy/versions/1/text.md");
        var quoted = versionText.Substring(provision.GetProperty("start").GetInt32(), provision.GetProperty("length").GetInt32());
        Assert.Equal(RetentionText, quoted);
        Assert.Equal(Sha256Hex.Of(quoted), provision.GetProperty("sha256").GetString());

        t.Host.Tracked.Site.Page("/example/privacy", ProvisionFixture.Privacy(retention: ProvisionFixture.Retention.Replace("30 days", "90 days")));
        Assert.True((await t.Host.CheckAsync(t.ExamplePrivacy)).IsChange);

        var after = await http.GetStringAsync(page);
        Assert.Matches(@"This provision changed 1 time since \d{4}-\d\d-\d\d \d\d:\d\d UTC, last on \d{4}-\d\d-\d\d \d\d:\d\d UTC\.", after);
        Assert.Matches(@"<del><span class=""sr"">\[removed: </span>30<span class=""sr"">\]</span></del>", after);
        Assert.Matches(@"<ins><span class=""sr"">\[added: </span>90<span class=""sr"">\]</span></ins>", after);
        Assert.Contains($"<code id=\"provision-sha256\">{Sha256Hex.Of(RetentionText.Replace("30", "90"))}</code>", after);
        Assert.Contains("id=\"change-2\"", after);
        Assert.Contains("<mark class=\"match\" title=\"Retention period: match\">retain your prompts for 90 days</mark>", after);

        var detail = JsonDocument.Parse(await http.GetStringAsync($"/api/documents/example-ai/privacy-policy/provisions/{retention}")).RootElement;
        Assert.Equal(["added", "modified"], detail.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("kind").GetString()));
        var modified = detail.GetProperty("changes")[1];
        Assert.Equal(RetentionText, modified.GetProperty("before").GetString());
        Assert.Equal(RetentionText.Replace("30", "90"), modified.GetProperty("after").GetString());
        Assert.Equal(2, detail.GetProperty("sequence").GetInt64());
        Assert.False(detail.GetProperty("removed").GetBoolean());

        // Its id answers too, sending the reader to the permanent address by slug.
        var byId = await http.GetAsync(ProvisionPath(t.ExamplePrivacy, provision.GetProperty("id").GetString()!));
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.EndsWith(page, byId.RequestMessage!.RequestUri!.AbsolutePath);

        var untouched = await http.GetStringAsync(ProvisionPath(t.ExamplePrivacy, training));
        Assert.Contains("This provision has not changed since tracking began", untouched);
        Assert.DoesNotContain("<del>", untouched);
        Assert.DoesNotContain("id=\"change-2\"", untouched);

        // Removing the training clause keeps its page, which says when it went and quotes its last text.
        t.Host.Tracked.Site.Page("/example/privacy", ProvisionFixture.Privacy(retention: ProvisionFixture.Retention.Replace("30 days", "90 days"), training: ""));
        Assert.True((await t.Host.CheckAsync(t.ExamplePrivacy)).IsChange);
        var removed = await http.GetAsync(ProvisionPath(t.ExamplePrivacy, training));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var removedHtml = await removed.Content.ReadAsStringAsync();
        Assert.Contains("This provision was removed in version 3", removedHtml);
        Assert.Contains("quoted from version 2, the last version that had it", removedHtml);
        Assert.Contains(TrainingText.Replace("use your conversations to train", "<mark class=\"match\" title=\"Trains AI models on user content: match\">use your conversations to train</mark>"), removedHtml);
        Assert.Contains("This provision changed 1 time since", removedHtml);
        Assert.Contains(" · Removed</h3>", removedHtml);
    }

    [Fact]
    public async Task Document_and_platform_pages_list_provisions_by_clause_type_most_severe_first()
    {
        var t = await ProvisionFixture.StartAsync();
        await using var _h = t.Host;
        using var http = new HttpClient { BaseAddress = t.Host.BaseUri };
        var retention = await SlugAsync(http, t.ExamplePrivacy, 1, RetentionText);
        var training = await SlugAsync(http, t.ExamplePrivacy, 1, TrainingText);

        var document = await http.GetStringAsync("/platforms/example-ai/privacy-policy");
        Assert.Contains("4 provisions: 1 high, 2 medium, 0 low severity, 1 without a clause type", document);
        var high = document.IndexOf(">Trains AI models on user content</a>", StringComparison.Ordinal);
        var medium = document.IndexOf(">Retention period</a>", StringComparison.Ordinal);
        Assert.True(high > 0 && medium > high, "the high-severity type is listed before the medium one");
        Assert.Contains($"href=\"{ProvisionPath(t.ExamplePrivacy, retention)}\"", document);
        Assert.Contains($"href=\"{ProvisionPath(t.ExamplePrivacy, training)}\"", document);
        Assert.Contains("1 provision without a clause type", document);

        var platform = await http.GetStringAsync("/platforms/example-ai");
        Assert.Contains("4 provisions: 1 high, 2 medium, 0 low severity", platform);
        Assert.Contains("<a href=\"/clause-types/training-on-user-content\">Trains AI models on user content</a> (1)", platform);
        var other = await http.GetStringAsync("/platforms/other-co");
        Assert.Contains("2 provisions: 1 high, 0 medium, 1 low severity", other);
    }

    [Fact]
    public async Task Text_from_a_tracked_page_is_encoded_and_unknown_provisions_and_types_get_a_404_that_names_them()
    {
        var t = await ProvisionFixture.StartAsync();
        await using var _h = t.Host;
        using var http = new HttpClient { BaseAddress = t.Host.BaseUri };
        var contact = await SlugAsync(http, t.ExamplePrivacy, 1, null, "privacy@example.com");
        var html = await http.GetStringAsync(ProvisionPath(t.ExamplePrivacy, contact));
        Assert.Contains("&lt;script&gt;alert(1)", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("No clause type of the catalogue was found in this provision.", html);

        foreach (var (path, named) in new[]
                 {
                     ("/platforms/example-ai/privacy-policy/provisions/no-such-provision", "no-such-provision"),
                     ("/platforms/example-ai/privacy-policy/provisions/no-such-provision/feed.atom", "no-such-provision"),
                     ("/platforms/example-ai/privacy-policy/provisions/Not_A_Slug", "Not_A_Slug"),
                     ("/platforms/example-ai/nothing-here/provisions/" + contact, "nothing-here"),
                     ("/clause-types/no-such-type", "no-such-type"),
                     ("/clause-types/no-such-type/feed.atom", "no-such-type"),
                 })
        {
            var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("<h1>Not found</h1>", body);
            Assert.Contains(WebUtility.HtmlEncode(named), body);
        }

        foreach (var (path, named) in new[]
                 {
                     ("/api/documents/example-ai/privacy-policy/provisions/no-such-provision", "no-such-provision"),
                     ("/api/documents/example-ai/privacy-policy/provisions/Not_A_Slug", "Not_A_Slug"),
                     ("/api/clause-types/no-such-type", "no-such-type"),
                     ("/api/documents/example-ai/privacy-policy/versions/7/provisions", "version 7"),
                 })
        {
            var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(404, problem.GetProperty("status").GetInt32());
            Assert.Contains(named, problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task A_malformed_slug_or_an_unknown_type_is_refused_before_any_storage_request()
    {
        var t = await ProvisionFixture.StartAsync();
        await using var _h = t.Host;
        var log = new StorageRequestLog();
        await using var site = await global::Snapshots.Web.SnapshotsWebsite.StartAsync(t.Host.Pipeline.Configuration, "http://127.0.0.1:0",
            services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(services, log));
        using var http = new HttpClient { BaseAddress = site.Address };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/clause-types/governing-law")).StatusCode);
        Assert.NotEmpty(log.Requests);
        log.Clear();
        foreach (var path in new[] { "/platforms/example-ai/privacy-policy/provisions/Not_A_Slug", "/clause-types/no-such-type",
                     "/clause-types/no-such-type/feed.atom", "/api/clause-types/no-such-type", "/api/documents/example-ai/privacy-policy/provisions/a--b" })
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(path)).StatusCode);
        Assert.Empty(log.Requests);
    }

    internal static string ProvisionPath(DocumentId document, string slug) => $"/platforms/{document}/provisions/{slug}";

    /// <summary>The slug of the provision of that version whose text is <paramref name="text"/> (or contains <paramref name="containing"/>), read from the API.</summary>
    internal static async Task<string> SlugAsync(HttpClient http, DocumentId document, long sequence, string? text, string? containing = null) =>
        (await ProvisionJsonAsync(http, document, sequence, null, text, containing)).GetProperty("slug").GetString()!;

    internal static async Task<JsonElement> ProvisionJsonAsync(HttpClient http, DocumentId document, long sequence, string? slug, string? text = null, string? containing = null)
    {
        var json = JsonDocument.Parse(await http.GetStringAsync($"/api/documents/{document}/versions/{sequence}/provisions")).RootElement;
        var all = json.GetProperty("provisions").EnumerateArray().ToList();
        return all.Single(p => (slug is null || p.GetProperty("slug").GetString() == slug)
                               && (text is null || p.GetProperty("text").GetString() == text)
                               && (containing is null || p.GetProperty("text").GetString()!.Contains(containing, StringComparison.Ordinal)));
    }
}
