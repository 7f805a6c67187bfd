using System.Diagnostics;

namespace Snapshots.IntegrationTests.Cli;

/// <summary>
/// The repository's <c>snapshots</c> script says on standard error what it is doing while it builds the command (the first
/// time, and when a source changed), and nothing when it does not build; standard output is the command's alone. Run on a
/// copy of the script over a small real project in the place of src/Snapshots.Cli, published for real by dotnet.
/// </summary>
public sealed class SnapshotsScriptTests
{
    [Fact]
    public async Task The_first_run_says_it_is_building_on_standard_error_and_a_run_with_nothing_changed_says_nothing()
    {
        var root = Directory.CreateTempSubdirectory("snapshots-script-").FullName;
        File.Copy(Path.Combine(Snapshots.Cli.Local.RepositoryRoot.Find()!, "snapshots"), Path.Combine(root, "snapshots"));
        var project = Directory.CreateDirectory(Path.Combine(root, "src", "Snapshots.Cli")).FullName;
        File.WriteAllText(Path.Combine(project, "Snapshots.Cli.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), "Console.WriteLine(\"the command ran: \" + string.Join(' ', args));");

        var first = await RunAsync(root, "demo");
        var second = await RunAsync(root, "demo");
        File.SetLastWriteTimeUtc(Path.Combine(project, "Program.cs"), DateTime.UtcNow.AddSeconds(5));
        var changed = await RunAsync(root, "list");

        Assert.True(first.ExitCode == 0, first.StandardError);
        Assert.Equal("the command ran: demo\n", first.StandardOutput);
        Assert.Contains("snapshots: first run; building the command", first.StandardError);
        Assert.Matches(@"snapshots: built in \d+ s\.", first.StandardError);
        Assert.Equal("the command ran: demo\n", second.StandardOutput);
        Assert.Equal("", second.StandardError);
        Assert.Equal("the command ran: list\n", changed.StandardOutput);
        Assert.Contains("snapshots: sources changed since the last build; building the command again", changed.StandardError);
    }

    private static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunAsync(string root, params string[] args)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "snapshots"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
