using Microsoft.Extensions.Logging;
using Snapshots.Cli;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Cli;

/// <summary>The command's log lines: one line each on standard error with time, level word, short category and message.</summary>
public sealed class CliLogFormatterTests
{
    [Fact]
    public void A_line_has_the_time_the_level_word_the_short_category_and_the_message_and_an_exception_in_one_line()
    {
        var line = CliLogFormatter.Line("17:59:17Z", LogLevel.Warning, "Snapshots.Tracking.DocumentCapturer", "Check of a/b failed\n(1 in a row)",
            new HttpRequestException("connection refused"));

        Assert.Equal("17:59:17Z warning DocumentCapturer: Check of a/b failed (1 in a row) (HttpRequestException: connection refused)", line);
        Assert.Equal("LocalQueueConsumer", CliLogFormatter.ShortCategory("Snapshots.Cli.Local.LocalQueueConsumer"));
        Assert.Equal("error", CliLogFormatter.Word(LogLevel.Error));
    }

    [Fact]
    public async Task A_failing_check_logs_one_readable_line_on_standard_error_and_none_on_standard_output()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        t.Site.Handle("/privacy", context => { context.Response.StatusCode = 404; return Task.CompletedTask; });

        var (exit, stdout, stderr) = await CliProcess.RunAsync(t.Pipeline.ConnectionString,
            new Dictionary<string, string> { ["Fetch__AllowPrivateNetworks"] = "true" }, "check");

        Assert.Equal(1, exit);
        Assert.Matches($@"(?m)^\d\d:\d\d:\d\dZ warning DocumentCapturer: Check of {id} failed \(1 in a row\): .*404", stderr);
        Assert.DoesNotContain("warn:", stderr);
        Assert.DoesNotContain("Snapshots.Tracking.DocumentCapturer", stderr);
        Assert.DoesNotContain("DocumentCapturer", stdout);
        Assert.Contains("checked 1 document: 0 unchanged, 0 changed, 1 failed", stdout);
    }
}
