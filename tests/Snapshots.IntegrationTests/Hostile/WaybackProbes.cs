using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Snapshots.Catalog;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Tracking;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// The Wayback Machine's Save Page Now API as a hostile or overloaded peer (a loopback stand-in): 429 with Retry-After is
/// honoured before the capture is asked again and the link then reaches the citation; a finished job naming a
/// <c>javascript:</c> URL is never recorded or cited, and the refusal is logged by name.
/// </summary>
[Trait("Category", "Hostile")]
public sealed class WaybackProbes
{
    [Fact]
    public async Task A_429_with_Retry_After_is_honoured_and_the_capture_is_then_cited()
    {
        await using var spn = await LoopbackSavePageNow.StartAsync();
        spn.TooManyRequests = 1;
        await using var w = await WaybackSite.StartAsync(spn);
        var id = await w.TrackAndCheckAsync();

        await w.DrainQueuesAsync(TimeSpan.FromSeconds(20), () => spn.Requests.Count(r => r.Path.StartsWith("/save/status/", StringComparison.Ordinal)) >= 2);

        var submissions = spn.SubmissionTimes.ToList();
        Assert.Equal(2, submissions.Count);
        Assert.True(submissions[1] - submissions[0] >= TimeSpan.FromSeconds(0.9), $"asked again after {submissions[1] - submissions[0]}, Retry-After said 1 s");
        var cite = await new CliRunner(w.Pipeline.Configuration).RunAsync("cite", id.ToString());
        Assert.Contains($"Wayback Machine copy https://web.archive.org/web/{LoopbackSavePageNow.CaptureTimestamp}/{w.Site.Url("/privacy").AbsoluteUri}", cite.Output);
    }

    [Fact]
    public async Task A_finished_job_naming_a_javascript_URL_is_never_recorded_and_the_refusal_is_named()
    {
        await using var spn = await LoopbackSavePageNow.StartAsync();
        spn.OriginalUrlOverride = "javascript:alert(document.domain)";
        await using var w = await WaybackSite.StartAsync(spn);
        var id = await w.TrackAndCheckAsync();

        await w.DrainQueuesAsync(TimeSpan.FromSeconds(15), () => w.Logged.Messages.Any(m => m.Contains("original_url", StringComparison.Ordinal)));

        var cite = await new CliRunner(w.Pipeline.Configuration).RunAsync("cite", id.ToString());
        Assert.DoesNotContain("javascript:", cite.Output);
        Assert.DoesNotContain("Wayback", cite.Output);
        Assert.Contains(w.Logged.Messages, m => m.Contains("No Wayback copy", StringComparison.Ordinal) && m.Contains("without an http(s) original_url", StringComparison.Ordinal));
    }

    /// <summary>A tracked page on a loopback site with Wayback on against <paramref name="spn"/>, logs recorded.</summary>
    private sealed class WaybackSite(TestPipeline pipeline, LoopbackSite site, RecordingLoggerProvider logged) : IAsyncDisposable
    {
        public TestPipeline Pipeline { get; } = pipeline;
        public LoopbackSite Site { get; } = site;
        public RecordingLoggerProvider Logged { get; } = logged;

        public static async Task<WaybackSite> StartAsync(LoopbackSavePageNow spn)
        {
            var site = await LoopbackSite.StartAsync();
            var logged = new RecordingLoggerProvider();
            var pipeline = await TestPipeline.StartAsync(new Dictionary<string, string?>
            {
                ["Wayback:Enabled"] = "true",
                ["Wayback:Endpoint"] = spn.Endpoint.AbsoluteUri,
                ["Wayback:AccessKey"] = LoopbackSavePageNow.AccessKey,
                ["Wayback:SecretKey"] = LoopbackSavePageNow.SecretKey,
                ["Wayback:PollInterval"] = "00:00:01",
                ["Wayback:RequestsPerMinute"] = "10",
            }, services => services.AddSingleton<ILoggerProvider>(logged));
            return new WaybackSite(pipeline, site, logged);
        }

        public async Task<DocumentId> TrackAndCheckAsync()
        {
            Site.Page("/privacy", PolicyPages.Privacy(PolicyPages.Retention));
            var document = DeclarationParser.Parse(PolicyPages.Declaration("Example AI", ("Privacy Policy", Site.Url("/privacy"))), "example-ai.json").Documents.Single();
            await Pipeline.Get<DocumentCatalog>().UpsertAsync(document);
            var outcome = (await Pipeline.Get<CaptureCycle>().RunAsync([await Pipeline.Get<DocumentCatalog>().GetAsync(document.Id)])).Single();
            Assert.Equal(CaptureStatus.First, outcome.Status);
            return document.Id;
        }

        /// <summary>Runs every local queue consumer (as <c>snapshots run</c> does) until <paramref name="done"/> or the time is up.</summary>
        public async Task DrainQueuesAsync(TimeSpan within, Func<bool> done)
        {
            var consumers = global::Snapshots.Cli.Local.LocalQueues.Consumers(Pipeline.Services);
            var until = DateTime.UtcNow + within;
            while (DateTime.UtcNow < until && !done())
            {
                foreach (var consumer in consumers) await consumer.DrainAsync(TimeSpan.FromSeconds(30));
                await Task.Delay(200);
            }
            foreach (var consumer in consumers) await consumer.DrainAsync(TimeSpan.FromSeconds(30));
        }

        public async ValueTask DisposeAsync()
        {
            await Pipeline.DisposeAsync();
            await Site.DisposeAsync();
        }
    }
}
