using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Snapshots.Cli.Local;

namespace Snapshots.IntegrationTests.Cli;

/// <summary>
/// The tool as a new user installs it (issue 24): <c>dotnet pack</c>, <c>dotnet tool install</c> from that local package, then
/// the README's walk-through from an empty folder, far from any checkout: the demo, history, diff, cite, verify, an evidence
/// bundle and <c>azurite stop</c>. Its data lives in <c>~/.snapshots</c> (its own Azurite on ports of its own), nothing is
/// written to the working folder but the bundle asked for, and the Azurite it started is stopped at the end. The only
/// stand-in is the home's npm folder, linked to the checkout's Azurite package, since tests never reach the npm registry.
/// </summary>
public sealed class InstalledToolTests
{
    [Fact]
    public async Task The_packed_tool_runs_the_walk_through_from_an_empty_folder_with_its_data_in_its_own_home()
    {
        var scratch = Directory.CreateTempSubdirectory("snapshots-tool-").FullName;
        try { await WalkThroughAsync(scratch); }
        finally { Directory.Delete(scratch, recursive: true); }
    }

    private static async Task WalkThroughAsync(string scratch)
    {
        var root = RepositoryRoot.Find()!;
        var (packages, tools, home, empty) = (Path.Combine(scratch, "packages"), Path.Combine(scratch, "tools"), Path.Combine(scratch, "home"), Directory.CreateDirectory(Path.Combine(scratch, "empty")).FullName);
        // A package cache of its own: a cached Snapshots.Cli 1.0.0 from an earlier pack must not stand in for this one.
        var cache = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = Path.Combine(scratch, "nuget") };

        var pack = await RunAsync("dotnet", ["pack", Path.Combine(root, "src", "Snapshots.Cli"), "-c", "Release", "-o", packages, "--nologo"], root, cache);
        Assert.True(pack.ExitCode == 0, pack.Output);
        var install = await RunAsync("dotnet", ["tool", "install", "Snapshots.Cli", "--tool-path", tools, "--add-source", packages], scratch, cache);
        Assert.True(install.ExitCode == 0, install.Output);

        // ~/.snapshots is the home away from a checkout; its Azurite package is the checkout's (no registry in tests).
        var snapshotsHome = Path.Combine(home, ".snapshots");
        Directory.CreateDirectory(Path.Combine(snapshotsHome, "npm"));
        Directory.CreateSymbolicLink(Path.Combine(snapshotsHome, "npm", "node_modules"), Path.Combine(root, "node_modules"));
        var user = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["SNAPSHOTS_HOME"] = null,
            ["AzureWebJobsStorage"] = null,
            ["DOTNET_ROOT"] = DotnetRoot(),
            ["Demo__Port"] = FreePort().ToString(),
        };
        var snapshots = Path.Combine(tools, "snapshots");
        try
        {
            var demo = await RunAsync(snapshots, ["demo"], empty, user);
            Assert.True(demo.ExitCode == 0, demo.Output);
            Assert.Contains("every blob and chain link matches", demo.StandardOutput);
            Assert.Contains("run snapshots serve", demo.StandardOutput);
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(snapshotsHome, "outbox"), "*", SearchOption.AllDirectories));
            Assert.True(File.Exists(Path.Combine(snapshotsHome, "azurite", "azurite.ports")), "its Azurite's ports are recorded in the home");

            var history = await RunAsync(snapshots, ["history", "mistral-ai-demo/privacy-policy"], empty, user);
            Assert.True(history.ExitCode == 0, history.Output);
            Assert.Matches(@"\b2\b", history.StandardOutput);
            var diff = await RunAsync(snapshots, ["diff", "mistral-ai-demo/privacy-policy"], empty, user);
            Assert.True(diff.ExitCode == 0, diff.Output);
            Assert.Contains("[-30-]{+90+} days", diff.StandardOutput);
            var cite = await RunAsync(snapshots, ["cite", "mistral-ai-demo/privacy-policy", "first"], empty, user);
            Assert.True(cite.ExitCode == 0, cite.Output);
            Assert.Contains("SHA-256", cite.StandardOutput, StringComparison.OrdinalIgnoreCase);
            var verify = await RunAsync(snapshots, ["verify"], empty, user);
            Assert.True(verify.ExitCode == 0, verify.Output);
            var export = await RunAsync(snapshots, ["export", "mistral-ai-demo/privacy-policy", "-o", "evidence.zip"], empty, user);
            Assert.True(export.ExitCode == 0, export.Output);
            var bundle = await RunAsync(snapshots, ["verify", "--bundle", "evidence.zip"], empty, user);
            Assert.True(bundle.ExitCode is 0 or 3, bundle.Output);

            // Nothing but the bundle asked for was written where the user stood.
            Assert.Equal("evidence.zip", Path.GetFileName(Assert.Single(Directory.GetFileSystemEntries(empty))));
        }
        finally
        {
            var stop = await RunAsync(snapshots, ["azurite", "stop"], empty, user);
            Assert.True(stop.ExitCode == 0, stop.Output);
            Assert.Null(BackgroundAzurite.For(new SnapshotsHome(snapshotsHome)).RunningProcessId());
        }
    }

    /// <summary>The folder of the dotnet running this test: the installed tool's launcher finds the runtime through it.</summary>
    private static string DotnetRoot()
    {
        var dotnet = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(folder => Path.Combine(folder, "dotnet")).First(File.Exists);
        return Path.GetDirectoryName(new FileInfo(dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dotnet)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int ExitCode, string StandardOutput, string Output)> RunAsync(string program, string[] args, string folder, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(program, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not end within 8 minutes: {await stderr}");
        }
        return (process.ExitCode, await stdout, $"{program} {string.Join(' ', args)} exited {process.ExitCode}\n{await stdout}\n{await stderr}");
    }
}
