namespace Snapshots.Fetching;

/// <summary>Finds the Chromium to launch: the configured path, or the first known browser name on PATH.</summary>
public static class ChromiumLocator
{
    public static readonly IReadOnlyList<string> Names = ["chromium", "chromium-browser", "google-chrome"];

    public const string InstallHint = "install it (Debian/Ubuntu: apt-get install -y chromium), set Fetch:Browser:ExecutablePath to its path, or set Fetch:Browser:Endpoint to a remote browser";

    /// <summary>The executable to launch, or null with the reason when there is none.</summary>
    public static string? Find(string? configured, out string? problem)
    {
        problem = null;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (File.Exists(configured)) return configured;
            problem = $"Fetch:Browser:ExecutablePath is {configured}, which does not exist: {InstallHint}";
            return null;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in Names)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate)) return candidate;
            }
        problem = $"no Chromium found ({string.Join(", ", Names)} on PATH) and Fetch:Browser:ExecutablePath is not set: {InstallHint}";
        return null;
    }
}
