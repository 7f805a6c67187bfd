using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Snapshots.Channels;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Subscribers;
using StandardWebhooks;

namespace Snapshots.IntegrationTests.Web;

/// <summary>
/// The channels JSON API on the real site (issue 24: "CLI, manage page and API can add, test, list and remove channels"): a
/// manage link's token as bearer token; add answers the webhook's secret once, and a test delivery signed with it verifies
/// at a loopback receiver; list never shows a secret; remove, then the channel is gone. Refusals are problems naming why,
/// and write nothing: no or a forged token, the free plan, a cloud-metadata address, a malformed or oversized body, an
/// unknown channel.
/// </summary>
public sealed class ChannelsApiTests
{
    [Fact]
    public async Task A_script_adds_lists_tests_and_removes_a_webhook_with_the_manage_token()
    {
        await using var host = await WebTestHost.StartAsync();
        await using var receiver = await ChannelReceiver.StartAsync();
        await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var watcher = await host.Pipeline.Get<SubscriberDirectory>().AddAsync("owner@example.com", "watcher", ["example-ai"]);
        using var api = Client(host, await ManageTokenAsync(host, watcher));

        var add = await api.PostAsJsonAsync("/api/subscription/channels", new { kind = "webhook", url = receiver.Url.AbsoluteUri, name = "tickets" });
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        Assert.Equal("no-store", add.Headers.CacheControl?.ToString());
        var added = JsonDocument.Parse(await add.Content.ReadAsStringAsync()).RootElement;
        var secret = added.GetProperty("secret").GetString()!;
        var id = added.GetProperty("channel").GetProperty("id").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(secret, Assert.Single(await host.Pipeline.Get<ChannelDirectory>().ListAsync(watcher.SubscriberId)).Secret);

        var list = await api.GetStringAsync("/api/subscription/channels");
        var listed = Assert.Single(JsonDocument.Parse(list).RootElement.EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.Equal("webhook", listed.GetProperty("kind").GetString());
        Assert.True(listed.GetProperty("enabled").GetBoolean());
        Assert.DoesNotContain("whsec_", list);

        var test = await api.PostAsync($"/api/subscription/channels/{id}/test", null);
        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
        Assert.True(JsonDocument.Parse(await test.Content.ReadAsStringAsync()).RootElement.GetProperty("delivered").GetBoolean());
        var delivery = Assert.Single(receiver.Received);
        new StandardWebhook(secret).Verify(delivery.Body, new HeaderDictionary(delivery.Headers.ToDictionary(h => h.Key, h => new Microsoft.Extensions.Primitives.StringValues(h.Value))));
        Assert.Contains("\"type\":\"channel.test\"", delivery.Body);

        var remove = await api.DeleteAsync($"/api/subscription/channels/{id}");
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        Assert.Empty(await host.Pipeline.Get<ChannelDirectory>().ListAsync(watcher.SubscriberId));
        var again = await api.DeleteAsync($"/api/subscription/channels/{id}");
        await AssertProblemAsync(again, HttpStatusCode.NotFound, "its channels: none");
    }

    [Fact]
    public async Task Refusals_are_problems_that_name_why_and_write_nothing()
    {
        await using var host = await WebTestHost.StartAsync();
        await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
        var directory = host.Pipeline.Get<SubscriberDirectory>();
        var watcher = await directory.AddAsync("owner@example.com", "watcher", ["example-ai"]);
        var reader = await directory.AddAsync("reader@example.com", "free", ["example-ai"]);
        var watcherToken = await ManageTokenAsync(host, watcher);
        using var anonymous = Client(host, null);
        using var forged = Client(host, watcherToken[..^4] + (watcherToken.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));
        using var free = Client(host, await ManageTokenAsync(host, reader));
        using var api = Client(host, watcherToken);
        var slack = new { kind = "slack", url = "https://hooks.slack.com/services/T/B/X" };

        await AssertProblemAsync(await anonymous.GetAsync("/api/subscription/channels"), HttpStatusCode.Unauthorized, "Authorization: Bearer");
        await AssertProblemAsync(await forged.PostAsJsonAsync("/api/subscription/channels", slack), HttpStatusCode.Unauthorized, "manage link");
        await AssertProblemAsync(await free.PostAsJsonAsync("/api/subscription/channels", slack), HttpStatusCode.UnprocessableEntity, "the free plan has no delivery channels");
        await AssertProblemAsync(await api.PostAsJsonAsync("/api/subscription/channels", new { kind = "webhook", url = "http://169.254.169.254/latest/meta-data/" }),
            HttpStatusCode.UnprocessableEntity, "cloud metadata");
        await AssertProblemAsync(await api.PostAsJsonAsync("/api/subscription/channels", new { kind = "pager", url = "https://example.com/hook" }),
            HttpStatusCode.UnprocessableEntity, "pager");
        await AssertProblemAsync(await api.PostAsync("/api/subscription/channels", new StringContent("{\"kind\": \"webhook\", \"url\": ", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "not a JSON object");
        var huge = JsonSerializer.Serialize(new { kind = "webhook", url = "https://example.com/hook", name = new string('x', 20_000) });
        await AssertProblemAsync(await api.PostAsync("/api/subscription/channels", new StringContent(huge, Encoding.UTF8, "application/json")),
            HttpStatusCode.RequestEntityTooLarge, "at most 8192 bytes");
        await AssertProblemAsync(await api.PostAsync("/api/subscription/channels/ch_0123456789abcdef/test", null), HttpStatusCode.NotFound, "no channel 'ch_0123456789abcdef'");

        Assert.Empty(await host.Pipeline.Get<ChannelDirectory>().ListAsync(watcher.SubscriberId));
        Assert.Empty(await host.Pipeline.Get<ChannelDirectory>().ListAsync(reader.SubscriberId));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_channel_operations()
    {
        await using var host = await WebTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var document = await http.GetStringAsync("/api/openapi/v1.json");

        Assert.Contains("\"/api/subscription/channels\"", document);
        Assert.Contains("\"/api/subscription/channels/{id}/test\"", document);
        Assert.Contains("\"/api/subscription/channels/{id}\"", document);
        Assert.Contains("\"operationId\": \"AddChannel\"", document);
    }

    private static async Task<string> ManageTokenAsync(WebTestHost host, SubscriberRecord subscriber) =>
        System.Web.HttpUtility.ParseQueryString((await host.Pipeline.Get<SubscriberLinks>().ManageAsync(subscriber.SubscriberId)).Query)["token"]!;

    private static HttpClient Client(WebTestHost host, string? token)
    {
        var client = new HttpClient { BaseAddress = host.BaseUri };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string says)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(says, body, StringComparison.OrdinalIgnoreCase);
    }
}
