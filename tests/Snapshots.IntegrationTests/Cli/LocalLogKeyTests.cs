using System.Text.Json;
using Snapshots.Cli.Local;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Cli;

/// <summary>
/// The transparency log's key for local runs (issue 22): generated into the home's settings only when the command uses the home's
/// own Azurite; a command pointed at other storage (a deployed archive) gets none, so it never signs with a key other than the
/// deployed one: <c>log sequence</c> says which setting to set, and commands that do not sign work as usual.
/// </summary>
public sealed class LocalLogKeyTests
{
    [Fact]
    public async Task A_command_pointed_at_other_storage_generates_no_key_and_log_sequence_names_the_setting_to_set()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var home = new SnapshotsHome(Directory.CreateTempSubdirectory("snapshots-home-").FullName);
        var environment = new Dictionary<string, string> { [SnapshotsHome.Variable] = home.Path };

        var list = await CliProcess.RunAsync(t.Pipeline.ConnectionString, environment, "documents", "list");

        Assert.True(list.ExitCode == 0, list.StandardOutput + list.StandardError);
        Assert.Contains(id.ToString(), list.StandardOutput);
        Assert.Null(KeyIn(home));

        var sequence = await CliProcess.RunAsync(t.Pipeline.ConnectionString, environment, "log", "sequence");

        Assert.True(sequence.ExitCode == 1, sequence.StandardOutput + sequence.StandardError);
        Assert.Contains("1 leaves appended, size 1", sequence.StandardOutput);
        Assert.Contains("no checkpoint was signed", sequence.StandardError);
        Assert.Contains("Log__SigningKey", sequence.StandardError);
        Assert.Contains("log-signing-key", sequence.StandardError);
        Assert.Null(KeyIn(home));
        Assert.Null(await t.Pipeline.Get<Snapshots.Ledger.TransparencyLog>().LatestCheckpointAsync());
    }

    [Fact]
    public async Task A_command_on_the_homes_own_Azurite_generates_the_key_once_and_signs_with_it()
    {
        var home = new SnapshotsHome(Directory.CreateTempSubdirectory("snapshots-home-").FullName);
        var environment = new Dictionary<string, string> { [SnapshotsHome.Variable] = home.Path };
        try
        {
            // No AzureWebJobsStorage: the command starts the home's Azurite.
            var first = await CliProcess.RunAsync("", environment, "log", "sequence");
            Assert.True(first.ExitCode == 0, first.StandardOutput + first.StandardError);
            var key = KeyIn(home);
            Assert.NotNull(key);
            Assert.Equal(32, Convert.FromBase64String(key).Length);
            Assert.NotNull(BackgroundAzurite.For(home).RunningPorts());

            var second = await CliProcess.RunAsync("", environment, "log", "checkpoint");
            Assert.Equal(1, second.ExitCode); // no checkpoint yet: nothing was logged
            Assert.Equal(key, KeyIn(home));
        }
        finally
        {
            await BackgroundAzurite.For(home).StopAsync();
        }
    }

    private static string? KeyIn(SnapshotsHome home)
    {
        if (!File.Exists(home.SettingsFile)) return null;
        using var settings = JsonDocument.Parse(File.ReadAllText(home.SettingsFile));
        return settings.RootElement.TryGetProperty("Log", out var log) && log.TryGetProperty("SigningKey", out var key) ? key.GetString() : null;
    }
}
