using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// A TCP listener standing for an internal service (on 127.0.0.1 or [::1], on a port the address policy refuses): it records
/// every connection it accepts, before reading anything, so that even a bare connection counts as reached, and answers
/// whatever arrives with a secret (CORS open, so only the guard can keep it out).
/// </summary>
internal sealed class InternalListener : IAsyncDisposable
{
    public const string Secret = "INTERNAL-LISTENER-SECRET";
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _seen = new();
    private readonly Task _loop;

    public InternalListener(IPAddress address)
    {
        _listener = new TcpListener(address, 0);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseUrl = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"http://[{address}]:{port}" : $"http://{address}:{port}";
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>http://127.0.0.1:port or http://[::1]:port, without a trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>"host:port" as the guard names it in its refusals.</summary>
    public string Authority => BaseUrl["http://".Length..];

    /// <summary>Every connection accepted: the first line of its request, or "(connection)" when nothing was sent.</summary>
    public IReadOnlyList<string> Seen => _seen.ToArray();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(Socket client)
    {
        using var stream = new NetworkStream(client, ownsSocket: true);
        _seen.Enqueue("(connection)");
        try
        {
            var buffer = new byte[8192];
            var read = await stream.ReadAsync(buffer, _stop.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            _seen.Enqueue(Encoding.Latin1.GetString(buffer, 0, read).Split("\r\n")[0]);
            var body = Encoding.UTF8.GetBytes($"<main>{Secret}</main>");
            await stream.WriteAsync(Encoding.Latin1.GetBytes(
                $"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nAccess-Control-Allow-Origin: *\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
            await stream.WriteAsync(body);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or TimeoutException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
