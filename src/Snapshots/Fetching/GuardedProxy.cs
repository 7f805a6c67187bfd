using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Snapshots.Fetching;

/// <summary>
/// An HTTP forward proxy on a loopback port, through which a locally launched browser makes every request it makes
/// (navigations, redirects, sub-resources, fetch/XHR, WebSockets): each connection goes through the same
/// <see cref="GuardedConnector"/> as static fetches, so the <see cref="NetworkAddressPolicy"/> judges the address the
/// host resolves to at the moment of connecting. HTTPS and WebSockets come as <c>CONNECT host:port</c> tunnels;
/// plain HTTP as absolute-form requests, forwarded one per connection. A refused connection is answered
/// <c>403</c> with the reason in <see cref="RefusalHeader"/> and remembered in <see cref="Refusals"/>.
/// </summary>
internal sealed class GuardedProxy : IAsyncDisposable
{
    public const string RefusalHeader = "X-Snapshots-Refused";
    private const int MaxHeadBytes = 64 * 1024;
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
        { "Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authorization", "Proxy-Authenticate", "TE", "Trailer", "Upgrade" };

    private readonly TcpListener _listener;
    private readonly GuardedConnector _connector;
    private readonly TimeSpan _connectTimeout;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly Task _accepting;

    public GuardedProxy(NetworkAddressPolicy policy, TimeSpan connectTimeout)
    {
        _connector = new GuardedConnector(policy);
        _connectTimeout = connectTimeout;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's address for the browser, e.g. http://127.0.0.1:40123.</summary>
    public string Address { get; }

    /// <summary>The last connections refused by the policy (most recent last, at most 200): "host:port: reason".</summary>
    public IReadOnlyList<string> Refusals => _refusals.ToArray();

    /// <summary>The latest refusal for a host, or null.</summary>
    public string? RefusalFor(string host) => _refusals.Reverse().FirstOrDefault(r => r.StartsWith(host + ":", StringComparison.OrdinalIgnoreCase));

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            var connection = ServeAsync(client);
            _connections.TryAdd(connection, 0);
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket clientSocket)
    {
        await using var client = new NetworkStream(clientSocket, ownsSocket: true);
        try
        {
            var (head, leftover) = await ReadHeadAsync(client, _stop.Token).ConfigureAwait(false);
            if (head is null) return;
            var lines = head.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            if (requestLine.Length != 3) { await AnswerAsync(client, 400, "Bad Request", null).ConfigureAwait(false); return; }
            var (method, target, version) = (requestLine[0], requestLine[1], requestLine[2]);

            string host;
            int port;
            byte[]? forwardedHead = null;
            if (method.Equals("CONNECT", StringComparison.OrdinalIgnoreCase))
            {
                if (!TrySplitAuthority(target, out host, out port)) { await AnswerAsync(client, 400, "Bad Request", null).ConfigureAwait(false); return; }
            }
            else
            {
                if (!Uri.TryCreate(target, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
                {
                    await AnswerAsync(client, 400, "Bad Request", "only absolute http:// requests and CONNECT tunnels are proxied").ConfigureAwait(false);
                    return;
                }
                host = url.IdnHost;
                port = url.Port;
                forwardedHead = OriginFormHead(method, url, version, lines);
            }

            Stream upstream;
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
            {
                connecting.CancelAfter(_connectTimeout);
                try
                {
                    upstream = await _connector.ConnectAsync(host, port, connecting.Token).ConfigureAwait(false);
                }
                catch (AddressRefusedException e)
                {
                    Remember($"{host}:{port}: {e.Message}");
                    await AnswerAsync(client, 403, "Forbidden", e.Message).ConfigureAwait(false);
                    return;
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
                {
                    await AnswerAsync(client, 502, "Bad Gateway", $"cannot connect to {host}:{port}: {e.Message}").ConfigureAwait(false);
                    return;
                }
            }

            await using (upstream.ConfigureAwait(false))
            {
                if (forwardedHead is null)
                    await client.WriteAsync("HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray(), _stop.Token).ConfigureAwait(false);
                else
                    await upstream.WriteAsync(forwardedHead, _stop.Token).ConfigureAwait(false);
                if (leftover.Length > 0) await upstream.WriteAsync(leftover, _stop.Token).ConfigureAwait(false);
                await PipeAsync(client, upstream).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The browser or the server went away: nothing to answer.
        }
    }

    private void Remember(string refusal)
    {
        _refusals.Enqueue(refusal);
        while (_refusals.Count > 200) _refusals.TryDequeue(out _);
    }

    /// <summary>Copies both ways until either side closes, then closes both.</summary>
    private async Task PipeAsync(Stream client, Stream upstream)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var up = client.CopyToAsync(upstream, done.Token);
        var down = upstream.CopyToAsync(client, done.Token);
        await Task.WhenAny(up, down).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
        try { await Task.WhenAll(up, down).ConfigureAwait(false); }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    /// <summary>The request rewritten for the origin server: origin-form target, no hop-by-hop headers, one request per connection.</summary>
    private static byte[] OriginFormHead(string method, Uri url, string version, string[] lines)
    {
        var head = new StringBuilder($"{method} {url.PathAndQuery} {version}\r\n");
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var colon = line.IndexOf(':');
            if (colon <= 0 || HopByHop.Contains(line[..colon].Trim())) continue;
            head.Append(line).Append("\r\n");
        }
        head.Append("Connection: close\r\n\r\n");
        return Encoding.Latin1.GetBytes(head.ToString());
    }

    private static bool TrySplitAuthority(string authority, out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = authority.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(authority[(colon + 1)..], out port) || port is <= 0 or > 65535) return false;
        host = authority[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        return host.Length > 0;
    }

    private static async Task<(string? Head, byte[] Leftover)> ReadHeadAsync(Stream client, CancellationToken ct)
    {
        var buffer = new byte[MaxHeadBytes];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await client.ReadAsync(buffer.AsMemory(filled), ct).ConfigureAwait(false);
            if (read == 0) return (null, []);
            filled += read;
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0) return (Encoding.Latin1.GetString(buffer, 0, end), buffer[(end + 4)..filled]);
        }
        return (null, []);
    }

    private static async Task AnswerAsync(Stream client, int status, string phrase, string? reason)
    {
        var header = status == 403 && reason is not null ? $"{RefusalHeader}: {reason.Replace('\r', ' ').Replace('\n', ' ')}\r\n" : "";
        var body = Encoding.UTF8.GetBytes(reason ?? phrase);
        var head = $"HTTP/1.1 {status} {phrase}\r\n{header}Content-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await client.WriteAsync(Encoding.Latin1.GetBytes(head)).ConfigureAwait(false);
        await client.WriteAsync(body).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try { await _accepting.ConfigureAwait(false); } catch (Exception e) when (e is OperationCanceledException or SocketException) { }
        try { await Task.WhenAll(_connections.Keys).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false); }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException) { }
        _stop.Dispose();
    }
}
