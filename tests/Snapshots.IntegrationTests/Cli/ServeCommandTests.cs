using System.Net;
using System.Net.Sockets;
using Snapshots.Cli;
using Snapshots.IntegrationTests.Infrastructure;
using Spectre.Console;

namespace Snapshots.IntegrationTests.Cli;

/// <summary><c>snapshots serve</c> alone: a sign-up's confirmation leaves at once, every link follows <c>--urls</c>, a busy port names <c>--urls</c>.</summary>
public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_with_urls_sends_the_sign_up_confirmation_itself_and_every_link_uses_that_port()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var outbox = Directory.CreateTempSubdirectory("snapshots-outbox-").FullName;
        var port = FreePort();
        var address = $"http://127.0.0.1:{port}";
        var configuration = TestPipeline.BuildConfiguration(t.Pipeline.ConnectionString, new Dictionary<string, string?> { ["Outbox:Path"] = outbox });
        using var stop = new CancellationTokenSource();
        var (console, output) = Console();
        var serve = SnapshotsCli.RunAsync(["serve", "--urls", address], new CliEnvironment(configuration, console, StartAzurite: false), stop.Token);
        try
        {
            await WaitUntilListeningAsync(port, serve);
            using var client = new FormClient(new Uri(address + "/"));

            var feed = await client.Http.GetStringAsync("/feeds/all.atom");
            var (status, body) = await client.SignUpAsync("reader@example.org", "free", "example-ai");
            var confirmation = await WaitForFileAsync(outbox, "*.eml");

            Assert.Contains($"{address}/platforms/example-ai/privacy-policy/versions/1", feed);
            Assert.DoesNotContain(":7071", feed);
            // The pages' permanent addresses and citations, and the JSON API's links, use it too (the platform page's links are
            // relative: they follow whatever address it was reached at).
            Assert.DoesNotContain(":7071", await client.Http.GetStringAsync("/platforms/example-ai"));
            foreach (var path in new[] { "/platforms/example-ai/privacy-policy/versions/1", "/api/platforms", "/api/documents/example-ai/privacy-policy/versions/1" })
            {
                var page = await client.Http.GetStringAsync(path);
                Assert.True(page.Contains(address + "/", StringComparison.Ordinal), $"{path} names no absolute address on {address}");
                Assert.DoesNotContain(":7071", page);
            }
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("Check your inbox", body);
            var mail = await File.ReadAllTextAsync(confirmation);
            Assert.Contains($"{address}/subscribe/confirm", mail.Replace("=\r\n", "").Replace("=\n", ""));
            Assert.DoesNotContain(":7071", mail);
        }
        finally
        {
            stop.Cancel();
            Assert.Equal(0, await serve.WaitAsync(TimeSpan.FromSeconds(30)));
        }
        Assert.Contains("Stopped.", output.ToString());
    }

    [Fact]
    public async Task A_busy_port_says_so_and_names_urls()
    {
        await using var p = await TestPipeline.StartAsync();
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        var (console, output) = Console();

        var exit = await SnapshotsCli.RunAsync(["serve", "--urls", $"http://127.0.0.1:{port}"], new CliEnvironment(p.Configuration, console, StartAzurite: false));

        Assert.Equal(SnapshotsCli.UsageError, exit);
        Assert.Contains($"cannot listen on http://127.0.0.1:{port}", output.ToString());
        Assert.Contains("--urls", output.ToString());
    }

    private static (IAnsiConsole Console, StringWriter Output) Console()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 240;
        return (console, output);
    }

    private static async Task WaitUntilListeningAsync(int port, Task<int> serve)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            if (serve.IsCompleted) Assert.Fail($"serve ended with exit code {await serve}");
            if (Snapshots.Cli.Local.AzuriteLauncher.IsListening(port)) return;
            await Task.Delay(100);
        }
        Assert.Fail($"serve did not listen on {port} within 60 s");
    }

    private static async Task<string> WaitForFileAsync(string folder, string pattern)
    {
        for (var waited = 0; waited < 300; waited++)
        {
            if (Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories).FirstOrDefault() is { } file) return file;
            await Task.Delay(100);
        }
        throw new TimeoutException($"no {pattern} in {folder} within 30 s: serve sent no email");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
