using System.Diagnostics;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Cli;

/// <summary>Output that goes to a file or a pipe is not hard-wrapped: ids, URLs and paths can be copied whole.</summary>
public sealed class RedirectedOutputTests
{
    [Fact]
    public async Task Documents_list_to_a_pipe_keeps_each_id_and_url_on_one_line()
    {
        await using var t = await TrackedSite.StartAsync();
        var path = "/" + string.Join('/', Enumerable.Repeat("a-rather-long-path-segment", 5));
        var id = await t.TrackAsync("Example Artificial Intelligence Laboratories", "Acceptable Use Policy", path, PolicyPages.Privacy(PolicyPages.Retention));
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Snapshots.Cli.dll"), "documents", "list"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AzureWebJobsStorage"] = t.Pipeline.ConnectionString;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        var line = Assert.Single(output.Split('\n'), l => l.Contains(id.ToString(), StringComparison.Ordinal));
        Assert.Contains(t.Site.Url(path).AbsoluteUri, line);
        Assert.True(line.Length > 120);
    }

    [Fact]
    public async Task Documents_list_on_a_120_column_terminal_never_splits_an_id()
    {
        await using var t = await TrackedSite.StartAsync();
        var path = "/" + string.Join('/', Enumerable.Repeat("a-rather-long-path-segment", 5));
        var id = await t.TrackAsync("Example Artificial Intelligence Laboratories", "Acceptable Use Policy", path, PolicyPages.Privacy(PolicyPages.Retention));

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration, width: 120).RunAsync("documents", "list");

        Assert.Equal(0, exit);
        Assert.Contains(output.Split('\n'), l => l.Contains(id.ToString(), StringComparison.Ordinal) && l.Length <= 121);
    }
}
