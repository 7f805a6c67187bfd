using Snapshots.Text;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Archive;

namespace Snapshots.IntegrationTests.Web;

/// <summary>The JSON API and its OpenAPI document, checked against each other and against the archive.</summary>
public sealed class ApiTests
{
    [Fact]
    public async Task The_OpenAPI_document_lists_every_api_endpoint_and_each_answers_as_described()
    {
        var (host, privacy, _) = await ArchiveFixture.StartAsync();
        await using var _h = host;
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        using var document = JsonDocument.Parse(await http.GetStringAsync("/api/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        var described = paths.EnumerateObject().Select(p => p.Name).ToHashSet();

        // Every API route the site maps is described (route constraints such as :long are not part of OpenAPI paths).
        var mapped = host.Website.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Where(p => p.StartsWith("/api/", StringComparison.Ordinal) && !p.StartsWith("/api/openapi", StringComparison.Ordinal))
            .Select(p => p.Replace(":long", "", StringComparison.Ordinal))
            .ToHashSet();
        Assert.Equal(mapped.Order(), described.Order());
        Assert.Equal(17, described.Count);

        var provisions = JsonDocument.Parse(await http.GetStringAsync("/api/documents/example-ai/privacy-policy/versions/2/provisions")).RootElement;
        var slug = provisions.GetProperty("provisions")[0].GetProperty("slug").GetString()!;
        var values = new Dictionary<string, string>
        {
            ["platform"] = "example-ai", ["type"] = "privacy-policy", ["sequence"] = "2", ["slug"] = slug, ["typeId"] = "retention-period",
        };
        // The read-only archive API answers anyone; a subscriber's channels need a manage token (ChannelsApiTests).
        foreach (var path in paths.EnumerateObject().Where(p => !p.Name.StartsWith(Snapshots.Web.Api.ChannelsApi.Path, StringComparison.Ordinal)))
        {
            var get = path.Value.GetProperty("get");
            var url = values.Aggregate(path.Name, (p, v) => p.Replace("{" + v.Key + "}", v.Value, StringComparison.Ordinal));
            if (path.Name.EndsWith("/diff", StringComparison.Ordinal)) url += "?from=1&to=2";
            var response = await http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            // A latest address is described as its redirect; the client followed it to the numbered version.
            if (get.GetProperty("responses").TryGetProperty("302", out _))
            {
                Assert.Contains("/versions/2", response.RequestMessage!.RequestUri!.AbsolutePath);
                continue;
            }
            var content = get.GetProperty("responses").GetProperty("200").GetProperty("content");
            var mediaType = response.Content.Headers.ContentType!.MediaType!;
            Assert.True(content.TryGetProperty(mediaType, out var described200), $"{url} answered {mediaType}, described: {content}");
            if (mediaType == "application/json") AssertMatchesSchema(document.RootElement, described200.GetProperty("schema"), JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement, url);
        }

        var evidence = JsonDocument.Parse(await http.GetStringAsync("/api/documents/example-ai/privacy-policy/versions/2")).RootElement;
        var version = await host.Pipeline.Get<VersionLedger>().GetAsync(privacy, 2);
        Assert.Equal(version.TextSha256, evidence.GetProperty("textSha256").GetString());
        Assert.Equal(version.ChainHash, evidence.GetProperty("chainHash").GetString());
        Assert.Equal(host.Url("/platforms/example-ai/privacy-policy/versions/2").AbsoluteUri, evidence.GetProperty("pageUrl").GetString());
        var text = await http.GetByteArrayAsync("/api/documents/example-ai/privacy-policy/versions/2/text");
        Assert.Equal(version.TextSha256, Sha256Hex.Of(text));
        var diff = JsonDocument.Parse(await http.GetStringAsync("/api/documents/example-ai/privacy-policy/diff?from=1&to=2")).RootElement;
        var segments = diff.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("paragraphs").EnumerateArray().SelectMany(p => p.EnumerateArray())).ToList();
        Assert.Contains(segments, s => s.GetProperty("kind").GetString() == "del" && s.GetProperty("text").GetString()!.Contains("30"));
        Assert.Contains(segments, s => s.GetProperty("kind").GetString() == "ins" && s.GetProperty("text").GetString()!.Contains("90"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/documents/example-ai/privacy-policy/versions/9")).StatusCode);
    }

    /// <summary>Every property the schema describes is present in the answer with a JSON type the schema allows (objects and arrays recursively).</summary>
    private static void AssertMatchesSchema(JsonElement root, JsonElement schema, JsonElement value, string where)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            schema = root.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }
        if (!schema.TryGetProperty("type", out var type)) return;
        var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
        var actual = value.ValueKind switch
        {
            JsonValueKind.Object => "object",
            JsonValueKind.Array => "array",
            JsonValueKind.String => "string",
            JsonValueKind.Number => types.Contains("integer") ? "integer" : "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        };
        Assert.True(types.Contains(actual), $"{where}: {actual} where the schema says {string.Join("|", types)}");
        if (actual == "object" && schema.TryGetProperty("properties", out var properties))
            foreach (var property in properties.EnumerateObject())
            {
                Assert.True(value.TryGetProperty(property.Name, out var child), $"{where}: property {property.Name} is described but missing");
                AssertMatchesSchema(root, property.Value, child, $"{where}.{property.Name}");
            }
        if (actual == "array" && schema.TryGetProperty("items", out var items))
            foreach (var item in value.EnumerateArray()) AssertMatchesSchema(root, items, item, $"{where}[]");
    }
}
