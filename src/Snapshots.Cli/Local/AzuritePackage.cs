using System.Diagnostics;

namespace Snapshots.Cli.Local;

/// <summary>
/// The Azurite a home runs: the checkout's <c>node_modules</c> when there is one, else Azurite <see cref="Version"/> installed
/// from npm into the home's <c>npm/</c> folder on first use, with npm's progress shown.
/// </summary>
internal static class AzuritePackage
{
    /// <summary>The version package.json pins (a test keeps them equal): the newest release that supports Node 20.</summary>
    public const string Version = "3.35.0";

    private static string ScriptUnder(string folder) => Path.Combine(folder, "node_modules", "azurite", "dist", "src", "azurite.js");

    public static async Task<string> ScriptAsync(SnapshotsHome home, Action<string> say, CancellationToken ct)
    {
        if (RepositoryRoot.Find() is { } root && File.Exists(ScriptUnder(root))) return ScriptUnder(root);
        var script = ScriptUnder(home.NpmFolder);
        if (File.Exists(script)) return script;
        _ = AzuriteLauncher.Node();
        Directory.CreateDirectory(home.NpmFolder);
        say($"Installing Azurite {Version} from npm into {home.NpmFolder} (once for this home; about a minute)...");
        // npm's own progress goes to the terminal on standard error (not redirected); what npm prints on standard output
        // ("added 300 packages") is passed on to standard error too, so the command's own output stays its results.
        using var npm = Process.Start(new ProcessStartInfo("npm", ["install", "--prefix", home.NpmFolder, "--no-audit", "--no-fund", "--no-save", "--no-update-notifier", "--progress=true", $"azurite@{Version}"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            WorkingDirectory = home.NpmFolder,
        }) ?? throw new AzuriteException("could not start npm to install Azurite: install Node.js 20 or later with npm.");
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var error = Console.OpenStandardError();
            await npm.StandardOutput.BaseStream.CopyToAsync(error, ct);
            await npm.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw;
        }
        if (npm.ExitCode != 0 || !File.Exists(script))
            throw new AzuriteException($"npm could not install azurite@{Version} into {home.NpmFolder} (exit code {npm.ExitCode}); check the network, or set AzureWebJobsStorage to a storage account or an Azurite of your own.");
        say($"Installed Azurite {Version} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s.");
        return script;
    }
}
