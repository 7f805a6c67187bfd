using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// A loopback TCP server that answers every HTTP request with bytes the test wrote by hand: status lines and headers that a
/// well-behaved server (Kestrel) refuses to send, such as control characters in a reason phrase or a Content-Type.
/// Counts the requests it answered; stops listening when disposed.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public RawHttpServer(byte[] response)
    {
        Response = response;
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The response with a status line and headers as given, and the body with its Content-Length.</summary>
    public static RawHttpServer Answering(string statusLineAndHeaders, string body) =>
        new(Encoding.Latin1.GetBytes($"{statusLineAndHeaders}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n")
            .Concat(Encoding.UTF8.GetBytes(body)).ToArray());

    public byte[] Response { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public Uri Url(string path) => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}");

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        var stream = client.GetStream();
                        var buffer = new byte[8192];
                        var seen = new StringBuilder();
                        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                        {
                            var read = await stream.ReadAsync(buffer, _stop.Token);
                            if (read == 0) return;
                            seen.Append(Encoding.Latin1.GetString(buffer, 0, read));
                        }
                        Interlocked.Increment(ref _requests);
                        await stream.WriteAsync(Response, _stop.Token);
                    }
                    catch (Exception e) when (e is IOException or OperationCanceledException or SocketException) { }
                }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
