using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;

namespace Snapshots.Benchmarks.Site;

/// <summary>
/// Runs <see cref="CorpusSite"/> in a child process (this program in <c>serve</c> mode) and drives it over HTTP.
/// The child stops when its standard input closes, so it never outlives the benchmark.
/// </summary>
public sealed class CorpusSiteProcess : IAsyncDisposable
{
    public const string ReadyPrefix = "listening ";
    private readonly Process _process;
    private readonly HttpClient _control;

    private CorpusSiteProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        _control = new HttpClient { BaseAddress = baseUri };
    }

    public Uri BaseUri { get; }
    public int ProcessId => _process.Id;

    public static async Task<CorpusSiteProcess> StartAsync(int documents, int seed)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program to start");
        List<string> arguments = Path.GetFileNameWithoutExtension(host) == "dotnet" ? [Assembly.GetEntryAssembly()!.Location] : [];
        arguments.AddRange(["serve", "--documents", $"{documents}", "--seed", $"{seed}"]);
        var start = new ProcessStartInfo(host, arguments) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
                return new CorpusSiteProcess(process, new Uri(line[ReadyPrefix.Length..]));
        }
        throw new InvalidOperationException($"the corpus site exited before listening (exit code {(process.HasExited ? process.ExitCode : -1)})");
    }

    public async Task HonourConditionalHeadersAsync(bool honour) =>
        (await _control.PostAsync($"_bench/conditional?honour={honour}", null)).EnsureSuccessStatusCode();

    /// <summary>Edits the retention sentence of every tenth document; returns how many pages changed.</summary>
    public async Task<int> EditTenthAsync(int revision)
    {
        var response = (await _control.PostAsync($"_bench/edit?revision={revision}", null)).EnsureSuccessStatusCode();
        return int.Parse(await response.Content.ReadAsStringAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ResetStatsAsync() => (await _control.PostAsync("_bench/reset", null)).EnsureSuccessStatusCode();

    public async Task<SiteStats> StatsAsync() => await _control.GetFromJsonAsync<SiteStats>("_bench/stats") ?? throw new InvalidOperationException("no stats");

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await _process.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }
}
