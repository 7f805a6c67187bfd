using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// The web face never fails for everyone: a hostile platform name or page text is encoded in every feed, page and API answer;
/// a fault inside one page is a page naming the request, never an empty 500; oversized forms are refused with a page; an
/// unsubscribed address gets nothing from sign-ups made by others; and the lists scale past the templates' old 1,000-iteration
/// cliff (platforms on the home, sign-up and manage pages; sections of a change; versions of a document).
/// </summary>
[Trait("Category", "Hostile")]
public sealed class WebFaceProbes
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>Characters XML 1.0 cannot carry (C0 controls, U+FFFE, U+FFFF; a lone surrogate is replaced by storage on the way in).</summary>
    private const string XmlInvalid = "\u0001\u0008\u000b\u000c\u001b\u001f\ufffe\uffff";

    [Fact]
    public async Task A_platform_with_xml_invalid_characters_in_its_name_and_text_breaks_no_feed_page_or_api_answer()
    {
        await using var host = await WebTestHost.StartAsync();
        var name = $"Evil{XmlInvalid} AI";
        host.Tracked.Site.Page("/privacy", PolicyPages.Privacy($"<h2>Data{XmlInvalid} retention</h2><p>We keep{XmlInvalid} prompts for 30 days.</p>"));
        var json = PolicyPages.Declaration("Evil AI", ("Privacy Policy", host.Tracked.Site.Url("/privacy")));
        var document = DeclarationParser.Parse(json, "evil-ai.json").Documents.Single();
        await host.Tracked.Catalog.UpsertAsync(document);
        await host.CheckAsync(document.Id);
        host.Tracked.Site.Page("/privacy", PolicyPages.Privacy($"<h2>Data{XmlInvalid} retention</h2><p>We keep{XmlInvalid} prompts for 90 days.</p>"));
        await host.CheckAsync(document.Id);
        // Declarations refuse such a name now; a row stored before that (or written by another tool) still holds it.
        await host.Tracked.Catalog.UpdateAsync(document.Id, d => { d.PlatformName = name; return true; });
        Assert.Equal(name, (await host.Tracked.Catalog.GetAsync(document.Id)).PlatformName);
        var ordinary = await host.TrackAsync("Plain AI", "Privacy Policy", "/plain", PolicyPages.Privacy(PolicyPages.Retention));
        await host.CheckAsync(ordinary);
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        foreach (var (path, accept) in new[]
                 {
                     ("/feeds/all.atom", null), ("/feeds/all.atom", "application/xml"), ("/feeds/all.atom", "*/*;q=0.1, text/html"),
                     ($"/platforms/{document.Id.Platform}/feed.atom", null), ($"/platforms/{document.Id}/feed.atom", "application/atom+xml"),
                 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (accept is not null) request.Headers.Accept.ParseAdd(accept);
            var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} (Accept: {accept}) answered {(int)response.StatusCode}");
            var xml = XDocument.Load(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            var entries = xml.Root!.Elements(Atom + "entry").ToList();
            Assert.NotEmpty(entries);
            // The hostile platform's entries are there, its characters made visible, not dropped silently nor fatal.
            Assert.Contains(entries, e => ((string?)e.Element(Atom + "title"))?.StartsWith("Evil", StringComparison.Ordinal) == true);
        }

        foreach (var path in new[] { "/", $"/platforms/{document.Id.Platform}", $"/platforms/{document.Id}", $"/platforms/{document.Id}/versions/2",
                     $"/platforms/{document.Id}/compare?from=1&to=2", "/api/platforms", $"/api/documents/{document.Id}", $"/api/documents/{document.Id}/diff" })
        {
            var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("evil", body, StringComparison.OrdinalIgnoreCase);
            if (path.StartsWith("/api/", StringComparison.Ordinal)) System.Text.Json.JsonDocument.Parse(body).Dispose();
        }
    }

    [Fact]
    public async Task A_fault_inside_one_page_answers_a_page_or_problem_naming_the_request_never_an_empty_500()
    {
        var (host, privacy) = await StartWithChangeAsync();
        await using var _ = host;
        // The store lost version 1's text (it happens after a storage crash): reading it fails inside the page.
        var version = await host.Pipeline.Get<VersionLedger>().GetAsync(privacy, 1);
        await host.Pipeline.Storage.Snapshots.DeleteBlobAsync(version.TextBlob);
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var page = await http.GetAsync($"/platforms/{privacy}/compare?from=1&to=2");
        var pageBody = await page.Content.ReadAsStringAsync();
        Assert.True(pageBody.Length > 0, $"compare answered {(int)page.StatusCode} with an empty body");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var requestId = Assert.Single(page.Headers.GetValues("X-Request-Id"));
        Assert.Contains(requestId, pageBody);

        var api = await http.GetAsync($"/api/documents/{privacy}/diff?from=1&to=2");
        var apiBody = await api.Content.ReadAsStringAsync();
        Assert.True(apiBody.Length > 0, $"the API diff answered {(int)api.StatusCode} with an empty body");
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(apiBody);
        Assert.Equal((int)api.StatusCode, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(Assert.Single(api.Headers.GetValues("X-Request-Id")), problem.RootElement.GetProperty("requestId").GetString());
    }

    public static TheoryData<string> OversizedForms => new() { "ten-megabyte-address", "five-thousand-platforms", "a-thousand-keys" };

    [Theory]
    [MemberData(nameof(OversizedForms))]
    public async Task An_oversized_form_is_refused_with_a_readable_page_and_nothing_is_written(string shape)
    {
        await using var host = await WebTestHost.StartAsync();
        await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        using var client = new FormClient(host.BaseUri);
        var csrf = await client.TokenAsync("/subscribe");
        List<(string, string)> fields = [("csrf", csrf), ("plan", "free")];
        switch (shape)
        {
            case "ten-megabyte-address": fields.Add(("email", new string('a', 10 * 1024 * 1024) + "@example.org")); fields.Add(("platform", "example-ai")); break;
            case "five-thousand-platforms": fields.Add(("email", "many@example.org")); fields.AddRange(Enumerable.Range(0, 5_000).Select(i => ("platform", $"p{i}"))); break;
            default: fields.Add(("email", "keys@example.org")); fields.Add(("platform", "example-ai")); fields.AddRange(Enumerable.Range(0, 1_000).Select(i => ($"k{i}" + new string('k', 4_096), "v"))); break;
        }

        var (status, body) = await client.PostAsync("/subscribe", [.. fields]);

        Assert.True(status is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"{shape}: answered {(int)status}");
        Assert.Contains("<h1>", body);
        Assert.Contains("too large", body, StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await host.Pipeline.Storage.Queue(Snapshots.Storage.QueueNames.Emails).PeekMessagesAsync(10)).Value);
        // The site goes on answering forms.
        Assert.Equal(HttpStatusCode.OK, (await client.SignUpAsync("after@example.org", "free", "example-ai")).Status);
    }

    [Fact]
    public async Task An_unsubscribed_address_gets_no_confirmation_from_sign_ups_by_others_and_the_form_reveals_nothing()
    {
        await using var host = await WebTestHost.StartAsync();
        await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var directory = host.Pipeline.Get<SubscriberDirectory>();
        var links = host.Pipeline.Get<SubscriberLinks>();
        var member = await directory.AddAsync("gone@example.org", "free", ["example-ai"]);
        using var owner = new FormClient(host.BaseUri);
        var unsubscribe = await links.UnsubscribeAsync(member.SubscriberId);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync(unsubscribe.PathAndQuery, ("List-Unsubscribe", "One-Click"))).Status);
        Assert.True((await directory.GetAsync("gone@example.org")).Suppressed);

        using var stranger = new FormClient(host.BaseUri);
        var answers = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 3; i++) answers.Add(await stranger.SignUpAsync("gone@example.org", "free", "example-ai"));
        var fresh = await stranger.SignUpAsync("fresh@example.org", "free", "example-ai");
        await host.DeliverAsync();

        Assert.All(answers, a => Assert.Equal(fresh, a));
        Assert.DoesNotContain(host.Mail("confirm").Concat(host.Mail("account")), m => m.To.Mailboxes.Single().Address == "gone@example.org");
        Assert.Single(host.Mail("confirm"), m => m.To.Mailboxes.Single().Address == "fresh@example.org");
        var after = await directory.GetAsync("gone@example.org");
        Assert.True(after.Suppressed);
        Assert.Null(after.ConfirmationNonce);

        // The owner comes back through a link only they have: the unsubscribe link leads to the manage page, which subscribes again.
        var again = await owner.Http.GetStringAsync(unsubscribe.PathAndQuery);
        var manage = WebUtility.HtmlDecode(Regex.Match(again, "href=\"(/subscription\\?token=[^\"]+)\"").Groups[1].Value);
        Assert.StartsWith("/subscription?token=", manage);
        var csrf = await owner.TokenAsync(manage);
        var token = System.Web.HttpUtility.ParseQueryString(new Uri(host.BaseUri, manage).Query)["token"]!;
        var resumed = await owner.PostAsync("/subscription", ("csrf", csrf), ("token", token), ("resume", "on"), ("plan", "free"), ("platform", "example-ai"), ("digest", "on"));
        Assert.Equal(HttpStatusCode.OK, resumed.Status);
        Assert.False((await directory.GetAsync("gone@example.org")).Suppressed);
    }

    [Fact]
    public async Task The_home_sign_up_and_manage_pages_work_with_more_platforms_than_the_old_loop_limit()
    {
        await using var host = await WebTestHost.StartAsync();
        const int count = 1_100;
        var catalog = host.Tracked.Catalog;
        for (var batch = 0; batch < count; batch += 50)
            await Task.WhenAll(Enumerable.Range(batch, Math.Min(50, count - batch)).Select(i =>
                catalog.UpsertAsync(DeclarationParser.Parse(PolicyPages.Declaration($"Platform {i:D4}", ("Privacy Policy", host.Tracked.Site.Url($"/p{i}"))),
                    $"platform-{i:D4}.json").Documents.Single())));
        var member = await host.Pipeline.Get<SubscriberDirectory>().AddAsync("many@example.org", "monitor", ["platform-1050"]);
        var manage = await host.Pipeline.Get<SubscriberLinks>().ManageAsync(member.SubscriberId);
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        foreach (var path in new[] { "/", "/?page=6", "/subscribe", "/subscribe?page=6", manage.PathAndQuery })
        {
            var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            Assert.Contains("1,100 platforms", body);
            Assert.Contains("rel=\"next\"", body + (path.Contains("page=6") ? "rel=\"next\"" : ""));
        }
        // The followed platform is on the manage page whichever page of the others it shows.
        Assert.Contains("value=\"platform-1050\" checked", await http.GetStringAsync(manage.PathAndQuery));
        Assert.Contains("Platform 1099", await http.GetStringAsync("/?page=6"));
    }

    [Fact]
    public async Task A_change_of_more_sections_than_the_old_loop_limit_renders_on_the_version_compare_and_api_answers()
    {
        await using var host = await WebTestHost.StartAsync();
        const int sections = 1_200;
        string Page(string word) => PolicyPages.Privacy(string.Concat(Enumerable.Range(0, sections).Select(i => $"<h2>Section {i}</h2><p>Clause {i} keeps {word} data.</p>")));
        var id = await host.TrackAsync("Big AI", "Privacy Policy", "/privacy", Page("little"));
        await host.CheckAsync(id);
        host.Tracked.Site.Page("/privacy", Page("much"));
        await host.CheckAsync(id);
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        foreach (var path in new[] { $"/platforms/{id}/versions/2", $"/platforms/{id}/compare?from=1&to=2", $"/api/documents/{id}/diff?from=1&to=2" })
        {
            var response = await http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
        }
        var first = await http.GetStringAsync($"/platforms/{id}/compare?from=1&to=2");
        Assert.Contains("Section 0", first);
        var next = WebUtility.HtmlDecode(Regex.Match(first, "href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value);
        Assert.Contains("part=2", next);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(next)).StatusCode);
    }

    [Fact]
    public async Task A_document_with_more_versions_than_the_old_loop_limit_has_its_page_and_compare_form()
    {
        await using var host = await WebTestHost.StartAsync();
        const int versions = 1_050;
        var history = new HistoryFolderBuilder();
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < versions; i++)
            history.Capture(start.AddHours(i).ToString("yyyy-MM-dd'T'HH-mm-ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                PolicyPages.Privacy($"<h2>Data retention</h2><p>We keep your prompts for {i + 1} days.</p>"));
        var id = await host.TrackAsync("Long AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var (exit, output) = await new CliRunner(host.Pipeline.Configuration).RunAsync("history", "import", history.Root, "--document", id.ToString(), "--platform-name", "Long AI");
        Assert.True(exit == 0, output);
        Assert.Equal(versions, (await host.Tracked.Catalog.GetAsync(id)).VersionCount);
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var page = await http.GetAsync($"/platforms/{id}");
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"the document page answered {(int)page.StatusCode}");
        var body = await page.Content.ReadAsStringAsync();
        Assert.Contains($"Version {versions}", body);
        Assert.Contains("rel=\"next\"", body);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/platforms/{id}/compare?from=1&to={versions}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/platforms/{id}/feed.atom")).StatusCode);
    }

    private static async Task<(WebTestHost Host, DocumentId Privacy)> StartWithChangeAsync()
    {
        var host = await WebTestHost.StartAsync();
        var privacy = await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        await host.CheckAsync(privacy);
        host.Tracked.Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention.Replace("30 days", "90 days")));
        await host.CheckAsync(privacy);
        return (host, privacy);
    }
}
