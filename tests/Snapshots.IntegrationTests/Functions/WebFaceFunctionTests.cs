using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Snapshots.Functions;
using Snapshots.Web;

namespace Snapshots.IntegrationTests.Functions;

/// <summary>The HTTP function: anonymous, every path, and serving the same endpoints as <c>snapshots serve</c> on the same storage.</summary>
public sealed class WebFaceFunctionTests
{
    [Fact]
    public void The_http_function_is_anonymous_catches_every_path_and_the_host_adds_no_route_prefix()
    {
        var function = FunctionApp.All.Single(f => f.Name == nameof(WebFace));

        Assert.Equal("httpTrigger", function.Trigger.Type);
        Assert.Equal("Anonymous", function.Trigger.Property("authLevel"));
        Assert.Equal("{*path}", function.Trigger.Property("route"));
        var methods = function.Trigger.Json.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Equal(["get", "head", "post"], methods);
        using var host = JsonDocument.Parse(File.ReadAllText(FunctionApp.RepositoryFile("host.json")));
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public async Task The_function_class_serves_the_web_face_endpoints_from_the_functions_registration()
    {
        var (site, privacy, _) = await Web.ArchiveFixture.StartAsync();
        await using var _s = site;
        // The Functions app's registration (Program.cs): the library, then the web face for a non-Kestrel host.
        var services = new ServiceCollection();
        services.AddSnapshots(site.Pipeline.Configuration);
        services.AddSnapshotsWebFace(site.Pipeline.Configuration);
        await using var provider = services.BuildServiceProvider();
        var function = ActivatorUtilities.CreateInstance<WebFace>(provider);

        async Task<(int Status, string Body, HttpContext Context)> GetAsync(string path, string query = "")
        {
            var context = new DefaultHttpContext { RequestServices = provider };
            context.Request.Method = "GET";
            context.Request.Path = path;
            context.Request.QueryString = new QueryString(query);
            context.Response.Body = new MemoryStream();
            var result = await function.Run(context.Request);
            Assert.IsType<EmptyResult>(result);
            context.Response.Body.Position = 0;
            return (context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync(), context);
        }

        var version = await GetAsync("/platforms/example-ai/privacy-policy/versions/2");
        Assert.Equal(200, version.Status);
        var record = await site.Pipeline.Get<Snapshots.Archive.VersionLedger>().GetAsync(privacy, 2);
        Assert.Contains(record.TextSha256, version.Body);
        Assert.Contains("Integrity only:", version.Body);
        Assert.False(string.IsNullOrEmpty(version.Context.Response.Headers.ETag));

        var api = await GetAsync("/api/platforms");
        Assert.Equal(200, api.Status);
        Assert.Equal("example-ai", JsonDocument.Parse(api.Body).RootElement[0].GetProperty("slug").GetString());
        Assert.Equal(200, (await GetAsync("/platforms/example-ai/feed.atom")).Status);
        Assert.Equal(404, (await GetAsync("/platforms/nobody")).Status);
        Assert.DoesNotContain("code=", version.Body);
    }
}
