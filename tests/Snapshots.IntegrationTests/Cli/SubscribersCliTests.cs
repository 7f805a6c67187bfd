using Microsoft.Extensions.DependencyInjection;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Subscribers;

namespace Snapshots.IntegrationTests.Cli;

public sealed class SubscribersCliTests
{
    [Theory]
    [InlineData("not-an-address", "watcher", "openai", "'not-an-address' is not a valid email address")]
    [InlineData("jane@example.com", "gold", "openai", "unknown plan 'gold'")]
    [InlineData("jane@example.com", "watcher", "nowhere-ai", "unknown platform 'nowhere-ai'")]
    [InlineData("jane@example.com", "free", "openai mistral-ai", "the free plan follows at most 1 platform; 2 given")]
    public async Task Add_refuses_with_exit_code_2_a_clear_message_and_nothing_written(string email, string plan, string follow, string message)
    {
        await using var p = await StartWithPlatformsAsync();
        var cli = new CliRunner(p.Configuration);

        var (exit, output) = await cli.RunAsync(["subscribers", "add", email, "--plan", plan, "--follow", .. follow.Split(' ')]);

        Assert.Equal(2, exit);
        Assert.Contains(message, Flat(output));
        Assert.Empty(await TrackedPlatforms.SubscriberRowsAsync(p));
    }

    [Fact]
    public async Task Going_over_the_watcher_limit_names_the_limit()
    {
        await using var p = await TestPipeline.StartAsync();
        var slugs = new List<string>();
        for (var i = 1; i <= 12; i++)
        {
            await TrackedPlatforms.DeclareAsync(p, $"Platform {i}", "Privacy Policy");
            slugs.Add($"platform-{i}");
        }

        var (exit, output) = await new CliRunner(p.Configuration).RunAsync(["subscribers", "add", "jane@example.com", "--plan", "watcher", "--follow", .. slugs]);

        Assert.Equal(2, exit);
        Assert.Contains("the watcher plan follows at most 10 platforms; 12 given", Flat(output));
        Assert.Empty(await TrackedPlatforms.SubscriberRowsAsync(p));
    }

    [Fact]
    public async Task A_duplicate_is_refused_even_with_the_domain_in_another_case_and_the_first_stays_as_it_was()
    {
        await using var p = await StartWithPlatformsAsync();
        var cli = new CliRunner(p.Configuration);
        Assert.Equal(0, (await cli.RunAsync("subscribers", "add", "Jane@example.com", "--plan", "watcher", "--follow", "openai")).ExitCode);
        var before = await TrackedPlatforms.SubscriberRowsAsync(p);

        var (exit, output) = await cli.RunAsync("subscribers", "add", " Jane@EXAMPLE.com", "--plan", "monitor", "--follow", "mistral-ai");

        Assert.Equal(2, exit);
        Assert.Contains("J***@example.com is already a subscriber", Flat(output));
        Assert.Equal(before.Order(), (await TrackedPlatforms.SubscriberRowsAsync(p)).Order());
        var profile = await p.Get<SubscriberDirectory>().GetAsync("Jane@example.com");
        Assert.Equal(("watcher", "openai"), (profile.Plan, profile.Platforms));
    }

    [Fact]
    public async Task Add_follow_unfollow_set_plan_show_list_and_remove_work_and_refusals_leave_the_subscriber_as_it_was()
    {
        await using var p = await StartWithPlatformsAsync();
        var cli = new CliRunner(p.Configuration);

        var add = await cli.RunAsync("subscribers", "add", "jane.doe@Example.com", "--plan", "free", "--follow", "openai", "--no-digest");
        Assert.Equal(0, add.ExitCode);
        Assert.Contains("jane.doe@example.com", add.Output);

        var overFree = await cli.RunAsync("subscribers", "follow", "jane.doe@example.com", "mistral-ai");
        Assert.Equal(2, overFree.ExitCode);
        Assert.Contains("the free plan follows at most 1 platform", Flat(overFree.Output));

        Assert.Equal(0, (await cli.RunAsync("subscribers", "set-plan", "jane.doe@example.com", "watcher")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("subscribers", "follow", "jane.doe@example.com", "mistral-ai", "anthropic")).ExitCode);

        var downgrade = await cli.RunAsync("subscribers", "set-plan", "jane.doe@example.com", "free");
        Assert.Equal(2, downgrade.ExitCode);
        Assert.Contains("cannot move j***@example.com to the free plan: the free plan follows at most 1 platform and this subscriber follows 3 (anthropic, mistral-ai, openai); unfollow 2 first", Flat(downgrade.Output));
        Assert.Equal("watcher", (await p.Get<SubscriberDirectory>().GetAsync("jane.doe@example.com")).Plan);

        var unfollow = await cli.RunAsync("subscribers", "unfollow", "jane.doe@example.com", "openai");
        Assert.Equal(0, unfollow.ExitCode);
        Assert.Contains("follows anthropic, mistral-ai", unfollow.Output);

        var show = await cli.RunAsync("subscribers", "show", "jane.doe@example.com");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("jane.doe@example.com", show.Output);
        Assert.Contains("anthropic, mistral-ai", show.Output);
        Assert.Contains(EmailAddress.Parse("jane.doe@example.com").Id, show.Output);

        Assert.Equal(0, (await cli.RunAsync("subscribers", "add", "sam@example.org", "--plan", "monitor", "--follow", "openai")).ExitCode);
        var list = await cli.RunAsync("subscribers", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("jane.doe@example.com", list.Output);
        Assert.Contains("sam@example.org", list.Output);
        Assert.Contains("2 subscribers", list.Output);

        Assert.Equal(0, (await cli.RunAsync("subscribers", "remove", "jane.doe@example.com")).ExitCode);
        var gone = await cli.RunAsync("subscribers", "show", "jane.doe@example.com");
        Assert.Equal(2, gone.ExitCode);
        Assert.Contains("no subscriber j***@example.com", gone.Output);
        Assert.Equal([TrackedPlatforms.ProfileRow("sam@example.org"), TrackedPlatforms.IndexRow("openai", "sam@example.org")],
            (await TrackedPlatforms.SubscriberRowsAsync(p)).Order());
    }

    [Fact]
    public async Task Import_with_one_bad_row_names_its_line_and_writes_nothing_then_the_fixed_file_imports_everyone()
    {
        await using var p = await StartWithPlatformsAsync();
        var file = Path.Combine(Directory.CreateTempSubdirectory("snapshots-subs-").FullName, "subscribers.csv");
        File.WriteAllText(file, """
            email,plan,platforms,alerts,digest
            ann@example.com,watcher,openai;mistral-ai,yes,yes
            bob@example.com,watcher,openai nowhere-ai,,
            cat@example.com,free,anthropic,,no
            """);
        var cli = new CliRunner(p.Configuration);

        var (exit, output) = await cli.RunAsync("subscribers", "import", file);

        Assert.Equal(2, exit);
        Assert.Contains("subscribers.csv", Flat(output));
        Assert.Contains("line 3: unknown platform 'nowhere-ai'", Flat(output));
        Assert.DoesNotContain("line 2", output);
        Assert.Contains("nothing imported", Flat(output));
        Assert.Empty(await TrackedPlatforms.SubscriberRowsAsync(p));

        File.WriteAllText(file, File.ReadAllText(file).Replace("openai nowhere-ai", "openai"));
        var fixedRun = await cli.RunAsync("subscribers", "import", file);

        Assert.Equal(0, fixedRun.ExitCode);
        Assert.Contains("3 subscribers imported", fixedRun.Output);
        var directory = p.Get<SubscriberDirectory>();
        Assert.Equal(["ann@example.com", "bob@example.com"], (await directory.FollowersAsync("openai")).Select(s => s.Email).Order());
        var cat = await directory.GetAsync("cat@example.com");
        Assert.Equal(("free", "anthropic", false), (cat.Plan, cat.Platforms, cat.DigestEnabled));

        var again = await cli.RunAsync("subscribers", "import", file);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("line 2: a***@example.com is already a subscriber", Flat(again.Output));
    }

    [Fact]
    public async Task Addresses_are_never_logged_in_full()
    {
        var logged = new RecordingLoggerProvider();
        await using var p = await TestPipeline.StartAsync(configure: services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logged));
        await TrackedPlatforms.DeclareAsync(p, "OpenAI", "Privacy Policy");
        await TrackedPlatforms.DeclareAsync(p, "Mistral AI", "Privacy Policy");
        var directory = p.Get<SubscriberDirectory>();

        await directory.AddAsync("secret.person@example.com", "watcher", ["openai"]);
        await directory.FollowAsync("secret.person@example.com", ["mistral-ai"]);
        await directory.UnfollowAsync("secret.person@example.com", ["openai"]);
        await directory.SetPlanAsync("secret.person@example.com", "monitor");
        await directory.RemoveAsync("secret.person@example.com");

        Assert.Contains(logged.Messages, m => m.Contains("s***@example.com"));
        Assert.DoesNotContain(logged.Messages, m => m.Contains("secret.person"));
    }

    private static async Task<TestPipeline> StartWithPlatformsAsync()
    {
        var p = await TestPipeline.StartAsync();
        await TrackedPlatforms.DeclareAsync(p, "OpenAI", "Privacy Policy", "Terms of Service");
        await TrackedPlatforms.DeclareAsync(p, "Mistral AI", "Privacy Policy");
        await TrackedPlatforms.DeclareAsync(p, "Anthropic", "Privacy Policy");
        return p;
    }

    /// <summary>Console output with line wrapping undone, so a long message can be matched whole.</summary>
    private static string Flat(string output) => string.Join(' ', output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task Preferences_turn_alerts_and_digest_off_and_on_and_a_bare_call_is_refused()
    {
        await using var p = await StartWithPlatformsAsync();
        var cli = new CliRunner(p.Configuration);
        Assert.Equal(0, (await cli.RunAsync("subscribers", "add", "jane@example.com", "--plan", "watcher", "--follow", "openai")).ExitCode);

        var off = await cli.RunAsync("subscribers", "preferences", "jane@example.com", "--alerts", "false");
        var profile = await p.Get<SubscriberDirectory>().GetAsync("jane@example.com");

        Assert.Equal(0, off.ExitCode);
        Assert.Contains("alerts off, digest on", Flat(off.Output));
        Assert.False(profile.AlertsEnabled);
        Assert.True(profile.DigestEnabled);

        Assert.Equal(0, (await cli.RunAsync("subscribers", "preferences", "jane@example.com", "--alerts", "true", "--digest", "false")).ExitCode);
        profile = await p.Get<SubscriberDirectory>().GetAsync("jane@example.com");
        Assert.True(profile.AlertsEnabled);
        Assert.False(profile.DigestEnabled);

        Assert.Equal(2, (await cli.RunAsync("subscribers", "preferences", "jane@example.com")).ExitCode);
    }
}
