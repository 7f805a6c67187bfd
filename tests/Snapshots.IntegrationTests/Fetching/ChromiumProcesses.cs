namespace Snapshots.IntegrationTests.Fetching;

/// <summary>The Chromium processes of this machine whose command line names a given proxy (each test's browser has its own).</summary>
internal static class ChromiumProcesses
{
    public static IReadOnlyList<int> WithProxy(string proxyAddress)
    {
        var found = new List<int>();
        foreach (var folder in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            string commandLine;
            try { commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' '); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (commandLine.Contains("chromium", StringComparison.Ordinal) && commandLine.Contains($"--proxy-server={proxyAddress}", StringComparison.Ordinal)
                && proxyAddress.Length > 0)
                found.Add(pid);
        }
        found.Sort();
        return found;
    }
}
