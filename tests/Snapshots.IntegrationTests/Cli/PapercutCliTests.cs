using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Cli;

/// <summary>
/// The papercuts a new user met in the walk-through (issue 24): "did you mean" for ids, platforms and commands, the demo as
/// the first step of an empty store, errors on standard error only, counts that say what they count, and a removal that names
/// who still follows.
/// </summary>
public sealed class PapercutCliTests
{
    [Theory]
    [InlineData("history", "example-ai/privacy-polcy")]
    [InlineData("show", "example-ai/privacy-ploicy")]
    [InlineData("cite", "exampl-ai/privacy-policy")]
    [InlineData("check", "--document", "example-ai/privacy")]
    public async Task A_mistyped_document_id_is_answered_with_the_tracked_one(params string[] args)
    {
        await using var t = await TrackedSite.StartAsync();
        await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));

        var run = await new CliRunner(t.Pipeline.Configuration).RunSeparatelyAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did you mean 'example-ai/privacy-policy'?", run.StandardError);
        Assert.DoesNotContain("import its declaration", run.Output);
        Assert.Equal("", run.StandardOutput.Trim());
    }

    [Theory]
    [InlineData("check", "--platform", "exampl-ai")]
    [InlineData("documents", "remove", "--platform", "example-aj")]
    [InlineData("subscribers", "add", "jane@example.com", "--plan", "watcher", "--follow", "exmaple-ai")]
    public async Task A_mistyped_platform_is_answered_with_the_tracked_one(params string[] args)
    {
        await using var t = await TrackedSite.StartAsync();
        await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));

        var run = await new CliRunner(t.Pipeline.Configuration).RunSeparatelyAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did you mean 'example-ai'?", run.StandardError);
        Assert.Single(await t.Catalog.ListAsync());
        Assert.Empty(await t.Pipeline.Get<SubscriberDirectory>().ListAsync());
    }

    [Theory]
    [InlineData("snapshots history", "histroy", "mistral-ai/privacy-policy")]
    [InlineData("snapshots documents list", "documents", "lst")]
    [InlineData("--platform", "check", "--platfrom", "mistral-ai")]
    public async Task A_mistyped_command_or_option_is_answered_with_the_right_one_on_standard_error(string expected, params string[] args)
    {
        await using var t = await TrackedSite.StartAsync();

        var run = await new CliRunner(t.Pipeline.Configuration).RunSeparatelyAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"Did you mean '{expected}'?", run.StandardError);
        Assert.Contains("--help", run.StandardError);
        Assert.Equal("", run.StandardOutput);
    }

    [Theory]
    [InlineData("history", "mistral-ai-demo/privacy-policy")]
    [InlineData("diff", "mistral-ai-demo/privacy-policy")]
    [InlineData("check", "--platform", "mistral-ai-demo")]
    [InlineData("documents", "remove", "--platform", "mistral-ai-demo")]
    public async Task Before_anything_is_tracked_the_advice_is_to_run_the_demo_first(params string[] args)
    {
        await using var t = await TrackedSite.StartAsync();

        var run = await new CliRunner(t.Pipeline.Configuration).RunSeparatelyAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("snapshots demo` first", run.StandardError);
        Assert.DoesNotContain("import its declaration", run.Output);
    }

    [Fact]
    public async Task The_demo_platform_asked_for_before_the_demo_ran_points_to_the_demo_and_an_empty_check_and_list_say_how_to_start()
    {
        await using var t = await TrackedSite.StartAsync();
        var cli = new CliRunner(t.Pipeline.Configuration);
        var check = await cli.RunSeparatelyAsync("check");
        var list = await cli.RunSeparatelyAsync("documents", "list");
        await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));

        var demo = await cli.RunSeparatelyAsync("history", "mistral-ai-demo/privacy-policy");

        Assert.Equal(0, check.ExitCode);
        Assert.Contains("snapshots demo` first", check.StandardOutput);
        Assert.Contains("snapshots demo` first", list.StandardOutput);
        Assert.Equal(2, demo.ExitCode);
        Assert.Contains("run `", demo.StandardError);
        Assert.Contains("snapshots demo` first (it tracks mistral-ai-demo)", demo.StandardError);
    }

    public static TheoryData<string[]> ErrorCases() => new(
        ["verify", "nope/doc"],
        ["history", "nope/doc"],
        ["documents", "import", "/nonexistent/declarations"],
        ["subscribers", "add", "not-an-address", "--plan", "watcher", "--follow", "example-ai"],
        ["subscribers", "preferences", "jane@example.com"],
        ["digest"],
        ["digest", "--preview", "nobody@example.com"],
        ["documents"],
        ["show", "example-ai/privacy-policy", "newest"]);

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public async Task Every_error_goes_to_standard_error_with_exit_code_2_and_nothing_to_standard_output(string[] args)
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);

        var run = await new CliRunner(t.Pipeline.Configuration).RunSeparatelyAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error:", run.StandardError.TrimStart());
        Assert.Equal("", run.StandardOutput.Trim());
    }

    [Fact]
    public async Task An_error_of_the_real_process_is_on_its_standard_error_and_its_standard_output_is_empty()
    {
        await using var t = await TrackedSite.StartAsync();
        await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));

        var (exit, stdout, stderr) = await CliProcess.RunAsync(t.Pipeline.ConnectionString, "history", "example-ai/privacy-polcy");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("error: unknown document 'example-ai/privacy-polcy': did you mean 'example-ai/privacy-policy'?", stderr);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(100)]
    [InlineData(200)]
    public async Task History_never_splits_a_capture_time_or_a_hash_and_fits_the_terminal(int width)
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        await t.ChangeAsync(id, PolicyPages.Privacy(PolicyPages.Retention.Replace("30 days", "90 days") + PolicyPages.Training));
        var versions = await t.Pipeline.Get<VersionLedger>().ListAsync(id);

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration, width: width).RunAsync("history", id.ToString());

        Assert.Equal(0, exit);
        var lines = output.Split('\n');
        Assert.All(lines, line => Assert.True(line.TrimEnd('\r').Length <= width, $"longer than {width}: {line}"));
        Assert.Equal(2, versions.Count);
        foreach (var version in versions)
        {
            Assert.Contains(lines, line => line.Contains(HashChain.FormatTime(version.CapturedAt), StringComparison.Ordinal));
            Assert.Contains(lines, line => line.Contains(version.TextSha256[..16], StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Run_once_says_how_many_documents_its_capture_requests_hold_and_checks_as_many()
    {
        await using var t = await TrackedSite.StartAsync(new Dictionary<string, string?> { ["Capture:Interval"] = "00:00:00" });
        t.Site.Page("/legal", PolicyPages.Privacy(PolicyPages.Retention));
        var file = Path.Combine(Directory.CreateTempSubdirectory("snapshots-decl-").FullName, "example-ai.json");
        File.WriteAllText(file, PolicyPages.Declaration("Example AI", ("Privacy Policy", t.Site.Url("/legal")), ("Terms of Service", t.Site.Url("/legal"))));

        var run = await new CliRunner(t.Pipeline.Configuration).RunSeparatelyAsync("run", "--once", "--declarations", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Scheduled 2 documents due, in 1 capture request (documents that share a page are fetched together).", run.StandardOutput);
        Assert.Contains("checked 2 documents: 0 unchanged, 2 changed, 0 failed", run.StandardOutput);
    }

    [Fact]
    public async Task Removing_a_followed_document_names_its_followers_and_needs_yes()
    {
        await using var t = await TrackedSite.StartAsync();
        var privacy = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.TrackAsync("Example AI", "Terms of Service", "/terms", PolicyPages.Privacy(PolicyPages.Training));
        await t.Pipeline.Get<SubscriberDirectory>().AddAsync("jane@example.com", "watcher", ["example-ai"]);
        var cli = new CliRunner(t.Pipeline.Configuration);

        var refused = await cli.RunSeparatelyAsync("documents", "remove", privacy.ToString());
        var one = await cli.RunSeparatelyAsync("documents", "remove", privacy.ToString(), "--yes");
        var last = await cli.RunSeparatelyAsync("documents", "remove", "--platform", "example-ai", "--yes");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("1 subscriber follows example-ai: jane@example.com.", refused.StandardOutput);
        Assert.Contains("the platform's 1 other document is still watched", refused.StandardOutput);
        Assert.Contains("--yes", refused.StandardError);
        Assert.Equal(0, one.ExitCode);
        Assert.Contains("removed example-ai/privacy-policy", one.StandardOutput);
        Assert.Equal(0, last.ExitCode);
        Assert.Contains("No document of example-ai stays tracked", last.StandardOutput);
        Assert.Contains("snapshots subscribers unfollow EMAIL example-ai", last.StandardOutput);
        Assert.Empty(await t.Catalog.ListAsync());
        Assert.Equal("example-ai", Assert.Single((await t.Pipeline.Get<SubscriberDirectory>().GetAsync("jane@example.com")).Follows.Platforms));
    }
}
