using System.Text.Json;
using System.Text.Json.Nodes;
using Snapshots.Ledger;

namespace Snapshots.Cli.Local;

/// <summary>
/// The transparency log's signing key for local runs: when neither the environment (<c>Log__SigningKey</c>) nor the home's
/// <c>settings.json</c> holds one, a new Ed25519 key is generated into <c>settings.json</c> (readable by its owner only), so the
/// checkpoints of one home are always signed by the same key. Deployed apps take theirs from Key Vault instead.
/// </summary>
public static class LocalLogKey
{
    public static void EnsureIn(SnapshotsHome home)
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("Log__SigningKey"))) return;
        JsonObject settings;
        try
        {
            settings = File.Exists(home.SettingsFile) ? JsonNode.Parse(File.ReadAllText(home.SettingsFile)) as JsonObject ?? [] : [];
        }
        catch (JsonException)
        {
            return; // A settings file that is not JSON is the configuration's to report, not overwritten here.
        }
        if (settings[LogOptions.Section] is JsonObject log && !string.IsNullOrWhiteSpace(log["SigningKey"]?.GetValue<string>())) return;
        if (settings[LogOptions.Section] is not JsonObject section) settings[LogOptions.Section] = section = [];
        section["SigningKey"] = CheckpointSigner.NewKey();
        Directory.CreateDirectory(home.Path);
        var temporary = home.SettingsFile + ".new";
        File.WriteAllText(temporary, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, home.SettingsFile, overwrite: true);
    }
}
