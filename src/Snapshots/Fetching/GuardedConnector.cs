using System.Net;
using System.Net.Sockets;

namespace Snapshots.Fetching;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the fetch client: resolves the host itself,
/// checks every address with the <see cref="NetworkAddressPolicy"/> and connects only to allowed ones,
/// so DNS answers and redirect targets are checked at the moment a connection is made.
/// </summary>
internal sealed class GuardedConnector(NetworkAddressPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        var addresses = await ResolveAsync(host, ct).ConfigureAwait(false);

        AddressRefusedException? refusal = null;
        Exception? lastFailure = null;
        foreach (var address in addresses)
        {
            if (policy.RefusalReason(address) is { } reason)
            {
                refusal ??= new AddressRefusedException(host, address, reason);
                continue;
            }
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                lastFailure = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw lastFailure ?? refusal ?? (Exception)new SocketException((int)SocketError.HostNotFound);
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IPAddress.TryParse(literal, out var address)) return [address];
        return await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
    }
}
