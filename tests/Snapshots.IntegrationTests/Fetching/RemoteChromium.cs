using System.Diagnostics;

namespace Snapshots.IntegrationTests.Fetching;

/// <summary>
/// A Chromium started by the test with a DevTools port, standing for the remote browser of Fetch:Browser:Endpoint (in Azure,
/// the Playwright server): it has no proxy of ours, so only the request guard of the renderer stands between it and the network.
/// Popups are allowed (<c>--disable-popup-blocking</c>) as in a browser the Playwright server launches, so a page's window.open is tried.
/// Killed, with its profile folder removed, when disposed.
/// </summary>
internal sealed class RemoteChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;

    private RemoteChromium(Process process, string profile, string endpoint)
    {
        _process = process;
        _profile = profile;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public static async Task<RemoteChromium> StartAsync()
    {
        var executable = Snapshots.Fetching.ChromiumLocator.Find(null, out var problem) ?? throw new InvalidOperationException(problem);
        var profile = Directory.CreateTempSubdirectory("snapshots-remote-chromium-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync", "--disable-popup-blocking",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            // Chromium creates the file and then writes the port into it: wait for a first line, not just for the file.
            var portFile = Path.Combine(profile, "DevToolsActivePort");
            string? port = null;
            for (var waited = 0; waited < 200 && port is null; waited++)
            {
                if (File.Exists(portFile) && (await File.ReadAllLinesAsync(portFile)).FirstOrDefault(line => line.Trim().Length > 0) is { } line)
                    port = line.Trim();
                else
                    await Task.Delay(100);
            }
            if (port is null) throw new InvalidOperationException("chromium wrote no port into DevToolsActivePort within 20 s");
            return new RemoteChromium(process, profile, $"http://127.0.0.1:{port}");
        }
        catch
        {
            // Whatever went wrong before the test could own it, the browser must not outlive the test.
            process.Kill(entireProcessTree: true);
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { }
    }
}
