using System.Text.Json;
using System.Text.Json.Nodes;
using Snapshots.Ledger;

namespace Snapshots.Cli.Local;

/// <summary>
/// The transparency log's signing key for the home's own Azurite, and only for it (<see cref="CliSession"/> calls this when it
/// uses <see cref="HomeStorage"/>): when the configuration (environment <c>Log__SigningKey</c>, the home's <c>settings.json</c>)
/// holds none, a new Ed25519 key is generated into <c>settings.json</c> (readable by its owner only), so the checkpoints of one
/// home are always signed by the same key. A command pointed at other storage (<c>AzureWebJobsStorage</c>: a deployed
/// archive, a shared Azurite) never gets a generated key: it would sign with a key other than the deployed one (Key Vault's
/// <c>log-signing-key</c>). There, commands that sign say which setting to set (<see cref="LogOptions.MissingKey"/>) and the
/// others do not mind.
/// </summary>
public static class LocalLogKey
{
    public const string Setting = $"{LogOptions.Section}:SigningKey";

    /// <summary>Sets the home's key (generated on first use) into the command's configuration, unless one is configured.</summary>
    public static void EnsureFor(CliEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(environment.Configuration[Setting])) return;
        if (EnsureIn(environment.ResolvedHome) is { } key) environment.Configuration[Setting] = key;
    }

    /// <summary>The key in the home's <c>settings.json</c>, generated into it when it has none; null when the file is not JSON (the configuration's to report).</summary>
    public static string? EnsureIn(SnapshotsHome home)
    {
        JsonObject settings;
        try
        {
            settings = File.Exists(home.SettingsFile) ? JsonNode.Parse(File.ReadAllText(home.SettingsFile)) as JsonObject ?? [] : [];
        }
        catch (JsonException)
        {
            return null; // A settings file that is not JSON is the configuration's to report, not overwritten here.
        }
        if (settings[LogOptions.Section] is JsonObject log && log["SigningKey"] is JsonValue value && value.TryGetValue<string>(out var existing) && !string.IsNullOrWhiteSpace(existing))
            return existing;
        if (settings[LogOptions.Section] is not JsonObject section) settings[LogOptions.Section] = section = [];
        var key = CheckpointSigner.NewKey();
        section["SigningKey"] = key;
        Directory.CreateDirectory(home.Path);
        var temporary = home.SettingsFile + ".new";
        File.WriteAllText(temporary, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, home.SettingsFile, overwrite: true);
        return key;
    }
}
