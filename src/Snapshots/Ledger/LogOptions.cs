namespace Snapshots.Ledger;

/// <summary>
/// The transparency log, bound from the "Log" configuration section: <c>Log__SigningKey</c> (the Ed25519 private key, base64 of
/// its 32-byte seed; in Azure a Key Vault reference; <c>snapshots</c> generates one into the home's settings only for the home's
/// own Azurite) and
/// <c>Log__Origin</c> (the log's name on its checkpoints). Without a key the log still takes leaves; no checkpoint is signed.
/// </summary>
public sealed class LogOptions
{
    public const string Section = "Log";

    public string? SigningKey { get; set; }

    /// <summary>What a command that must sign says when no key is configured: which setting to set, and where the deployed key is.</summary>
    public const string MissingKey = "no transparency-log signing key is configured. Set Log__SigningKey (environment) or Log:SigningKey (settings.json) "
        + "to the log's Ed25519 key, the base64 of its 32-byte seed: for a deployed archive the Key Vault secret log-signing-key, so that "
        + "checkpoints are signed with the deployed key (a key is generated only for the home's own Azurite)";

    /// <summary>The checkpoint's first line and the signature's key name (default <c>snapshots.local/log</c>).</summary>
    public string Origin { get; set; } = "snapshots.local/log";

    /// <summary>
    /// How long a recorded version may wait for the sequencer before <c>verify --log</c> calls its absence from the log a fault, and how far
    /// a live version's capture time may precede the signed time of a checkpoint that does not hold it (default 1 hour).
    /// </summary>
    public TimeSpan SequencingGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most leaves one <c>/log/leaves</c> request returns (default 1000).</summary>
    public int MaxLeavesPerRequest { get; set; } = 1000;
}
