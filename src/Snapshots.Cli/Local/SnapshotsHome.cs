namespace Snapshots.Cli.Local;

/// <summary>
/// Where one installation of the command keeps its things: <c>settings.json</c>, the <c>outbox/</c> of local emails, and its own
/// Azurite (<c>azurite/</c>: data, process id, ports, log; <c>npm/</c>: Azurite installed from npm when no checkout provides it).
/// <c>SNAPSHOTS_HOME</c> when set; otherwise the checkout's <c>.snapshots/</c> when the command runs inside a clone (or from one),
/// else <c>~/.snapshots</c>. Two homes never share a store.
/// </summary>
public sealed class SnapshotsHome(string path)
{
    public const string Variable = "SNAPSHOTS_HOME";
    public const string CheckoutFolder = ".snapshots";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string SettingsFile => System.IO.Path.Combine(Path, "settings.json");
    public string Outbox => System.IO.Path.Combine(Path, "outbox");
    public string AzuriteFolder => System.IO.Path.Combine(Path, "azurite");
    public string NpmFolder => System.IO.Path.Combine(Path, "npm");

    /// <summary>The home this process uses: <c>SNAPSHOTS_HOME</c>, else the checkout's <c>.snapshots/</c>, else <c>~/.snapshots</c>.</summary>
    public static SnapshotsHome Resolve(string? configured = null)
    {
        configured ??= Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured)) return new SnapshotsHome(configured.Trim());
        if (RepositoryRoot.Find() is { } root) return new SnapshotsHome(System.IO.Path.Combine(root, CheckoutFolder));
        return new SnapshotsHome(System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), CheckoutFolder));
    }
}
