using System.Net;
using System.Text.Json;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.IntegrationTests.Ledger;
using Snapshots.Ledger;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// The transparency log's web endpoints under hostile parameters: bogus numbers, inverted or huge ranges, leaves and sizes the
/// log does not hold. Each answer is a clear RFC 9457 problem (400 for a request that cannot be right, 404 for what the log
/// does not hold) naming the parameter, never a 500, an empty body, a page or an unbounded read; a good proof still answers.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class TransparencyLogProbes
{
    public static TheoryData<string, HttpStatusCode, string> Requests => new()
    {
        { "/log/proof/inclusion?leaf=abc&size=3", HttpStatusCode.BadRequest, "'leaf' is not a whole number" },
        { "/log/proof/inclusion?leaf=-1&size=3", HttpStatusCode.BadRequest, "'leaf' is not a whole number" },
        { "/log/proof/inclusion?leaf=99999999999999999999999&size=3", HttpStatusCode.BadRequest, "'leaf' is not a whole number" },
        { "/log/proof/inclusion?leaf=1&size=1e3", HttpStatusCode.BadRequest, "'size' is not a whole number" },
        { "/log/proof/inclusion?size=3", HttpStatusCode.BadRequest, "give exactly one of 'leaf'" },
        { "/log/proof/inclusion?leaf=1&hash=00&size=3", HttpStatusCode.BadRequest, "give exactly one of 'leaf'" },
        { "/log/proof/inclusion?leaf=1&size=0", HttpStatusCode.BadRequest, "size 0 is not a tree size" },
        { "/log/proof/inclusion?hash=zz&size=3", HttpStatusCode.BadRequest, "64 hex digits" },
        { "/log/proof/inclusion?leaf=3&size=3", HttpStatusCode.NotFound, "leaf 3 is not in the tree of size 3" },
        { "/log/proof/inclusion?leaf=0&size=9223372036854775807", HttpStatusCode.NotFound, "the log has 3 leaves" },
        { $"/log/proof/inclusion?hash={new string('a', 64)}&size=3", HttpStatusCode.NotFound, "no leaf with hash" },
        { "/log/proof/consistency?from=3&to=2", HttpStatusCode.BadRequest, "expected 1 <= from <= to" },
        { "/log/proof/consistency?from=0&to=2", HttpStatusCode.BadRequest, "expected 1 <= from <= to" },
        { "/log/proof/consistency?from=1", HttpStatusCode.BadRequest, "'to' is missing" },
        { "/log/proof/consistency?from=1&to=4000000000", HttpStatusCode.NotFound, "the log has 3 leaves" },
        { "/log/leaves?start=0&end=100000000", HttpStatusCode.BadRequest, "at most 1000 per request" },
        { "/log/leaves?start=5&end=2", HttpStatusCode.BadRequest, "is not after start" },
        { "/log/leaves?start=10&end=20", HttpStatusCode.NotFound, "none from 10" },
        { "/log/leaves?start=0x1&end=2", HttpStatusCode.BadRequest, "'start' is not a whole number" },
        { "/log/checkpoints/12abc", HttpStatusCode.BadRequest, "'size' is not a whole number" },
        { "/log/checkpoints/2", HttpStatusCode.NotFound, "no checkpoint of size 2" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_bogus_or_out_of_range_log_request_is_a_problem_naming_what_is_wrong(string path, HttpStatusCode status, string named)
    {
        await using var host = await StartWithThreeLeavesAsync();
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var answer = await http.GetAsync(path);

        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(status == answer.StatusCode, $"{path}: {(int)answer.StatusCode} {body}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(named, problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Good_requests_still_answer_and_the_checkpoint_is_in_the_feed()
    {
        await using var host = await StartWithThreeLeavesAsync();
        using var http = new HttpClient { BaseAddress = host.BaseUri };

        var checkpoint = await http.GetStringAsync("/log/checkpoint");
        Assert.StartsWith("test.snapshots/log\n3\n", checkpoint);
        var proof = JsonSerializer.Deserialize<InclusionProof>(await http.GetStringAsync("/log/proof/inclusion?leaf=2&size=3"), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(2, proof.LeafIndex);
        var byHash = JsonSerializer.Deserialize<InclusionProof>(await http.GetStringAsync($"/log/proof/inclusion?hash={proof.LeafHash}"), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(proof, byHash with { AuditPath = proof.AuditPath });
        Assert.Equal(proof.AuditPath, byHash.AuditPath);
        using var leaves = JsonDocument.Parse(await http.GetStringAsync("/log/leaves?start=0&end=1000"));
        Assert.Equal(3, leaves.RootElement.GetArrayLength());
        var consistency = await http.GetAsync("/log/proof/consistency?from=1&to=3");
        Assert.Equal(HttpStatusCode.OK, consistency.StatusCode);
        var feed = await http.GetStringAsync("/log/checkpoints.atom");
        Assert.Contains("Checkpoint 3: root", feed);
        Assert.Contains("-----BEGIN PUBLIC KEY-----", await http.GetStringAsync("/log/public-key.pem"));
    }

    /// <summary>A web face over a log of three leaves (a first version, two unchanged checks) with a signed checkpoint of size 3.</summary>
    private static async Task<WebTestHost> StartWithThreeLeavesAsync()
    {
        var host = await WebTestHost.StartAsync(TransparencyLogTests.Settings());
        try
        {
            var id = await host.TrackAsync("Example AI", "Privacy Policy", "/privacy", PolicyPages.Privacy(PolicyPages.Retention));
            for (var i = 0; i < 3; i++) await host.CheckAsync(id);
            var pass = await host.Pipeline.Get<LogSequencer>().RunAsync();
            Assert.Equal(3, pass.Size);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }
}
