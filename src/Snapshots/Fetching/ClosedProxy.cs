using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Snapshots.Fetching;

/// <summary>
/// The proxy a local browser is pointed at, on a loopback port of this process, which connects nowhere: it answers every
/// request and every <c>CONNECT</c> tunnel <c>403</c>, names the target in <see cref="Refusals"/> and closes. Every request
/// of a page is made by the <see cref="BrowserRequestGuard"/> instead (the browser's routing hands it over before anything
/// leaves), so what reaches this proxy is only what the routing does not see: speculative prefetches and prerenders,
/// service and shared workers, and the browser's own background requests. None of them needs the network, so none gets it,
/// whatever address it names. Chromium is launched with Playwright's <c>--proxy-bypass-list=&lt;-loopback&gt;</c>, so
/// loopback addresses come here too.
/// </summary>
internal sealed class ClosedProxy : IAsyncDisposable
{
    public const string RefusalHeader = "X-Snapshots-Refused";
    public const string Reason = "not made through the page's request guard (speculative loads, service and shared workers get no network)";
    private const int MaxHeadBytes = 16 * 1024;

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly Task _accepting;

    public ClosedProxy()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's address for the browser, e.g. http://127.0.0.1:40123.</summary>
    public string Address { get; }

    /// <summary>The last requests refused (most recent last, at most 200): "host:port: reason".</summary>
    public IReadOnlyList<string> Refusals => _refusals.ToArray();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = RefuseAsync(client);
        }
    }

    private async Task RefuseAsync(Socket socket)
    {
        await using var client = new NetworkStream(socket, ownsSocket: true);
        try
        {
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            reading.CancelAfter(TimeSpan.FromSeconds(10));
            var target = await ReadTargetAsync(client, reading.Token).ConfigureAwait(false);
            if (target is null) return;
            Remember($"{target}: {Reason}");
            var body = Encoding.UTF8.GetBytes(Reason);
            var head = $"HTTP/1.1 403 Forbidden\r\n{RefusalHeader}: {Reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await client.WriteAsync(Encoding.Latin1.GetBytes(head), _stop.Token).ConfigureAwait(false);
            await client.WriteAsync(body, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The browser went away or sent nothing: nothing to answer.
        }
    }

    /// <summary>"host:port" of the request's target (CONNECT authority or absolute URL), or null when no request line came.</summary>
    private static async Task<string?> ReadTargetAsync(Stream client, CancellationToken ct)
    {
        var buffer = new byte[MaxHeadBytes];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await client.ReadAsync(buffer.AsMemory(filled), ct).ConfigureAwait(false);
            if (read == 0) return null;
            filled += read;
            if (buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8) >= 0) break;
        }
        var requestLine = Encoding.Latin1.GetString(buffer, 0, filled).Split("\r\n")[0].Split(' ');
        if (requestLine.Length != 3) return "(malformed request)";
        var target = requestLine[1];
        return Uri.TryCreate(target, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? BrowserRequestGuard.Endpoint(url) : target;
    }

    private void Remember(string refusal)
    {
        _refusals.Enqueue(refusal.Replace('\r', ' ').Replace('\n', ' '));
        while (_refusals.Count > 200) _refusals.TryDequeue(out _);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try { await _accepting.ConfigureAwait(false); } catch (Exception e) when (e is OperationCanceledException or SocketException) { }
        _stop.Dispose();
    }
}
