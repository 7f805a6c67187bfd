using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// A real OCSP responder on loopback: <c>openssl ocsp -index index.txt -port 0 -rsigner … -rkey … -CA …</c> over HTTP, answering
/// from an <c>openssl ca</c> database (re-read when it changes), signed by a delegated responder certificate. The port is read
/// from its <c>ACCEPT</c> line. Stopped (the process killed and awaited) by <see cref="StopAsync"/> and on dispose, so it never
/// outlives the test; <see cref="RestartAsync"/> starts it again on the same port.
/// </summary>
public sealed partial class LoopbackOcspResponder : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string[] _arguments;
    private Process? _process;

    private LoopbackOcspResponder(string folder, string[] arguments)
    {
        _folder = folder;
        _arguments = arguments;
    }

    public int Port { get; private set; }
    public Uri Url => new($"http://127.0.0.1:{Port}/ocsp");
    public bool Running => _process is { HasExited: false };

    /// <param name="folder">The CA's folder: <paramref name="index"/>, <paramref name="ca"/> and the responder's certificate and key are in it.</param>
    /// <param name="minutes">The answers' nextUpdate, in minutes after thisUpdate.</param>
    public static async Task<LoopbackOcspResponder> StartAsync(string folder, string index, string ca, string signer, string key, int minutes = 60)
    {
        var responder = new LoopbackOcspResponder(folder, ["ocsp", "-index", index, "-rsigner", signer, "-rkey", key, "-CA", ca, "-nmin", minutes.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await responder.StartProcessAsync(0);
        return responder;
    }

    /// <summary>Stops and starts the responder again on the same port (it then reads the CA database afresh).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync(Port);
    }

    /// <summary>Kills the responder: connections to <see cref="Url"/> are refused until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process) return;
        _process = null;
        if (!process.HasExited) process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StartProcessAsync(int port)
    {
        var start = new ProcessStartInfo("openssl", [.. _arguments, "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = _folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start openssl ocsp");
        _process = process;
        _ = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(limit.Token) is { } line)
            {
                if (Accept().Match(line) is not { Success: true } match) continue;
                Port = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                _ = process.StandardOutput.ReadToEndAsync();
                return;
            }
            throw new InvalidOperationException($"openssl ocsp exited ({process.ExitCode}) before it listened");
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    [GeneratedRegex(@"^ACCEPT .*:(?<port>\d+)( |$)")]
    private static partial Regex Accept();
}
