using System.Net;
using System.Net.Sockets;
using Snapshots.Catalog;
using Snapshots.Fetching;

namespace Snapshots.Channels;

/// <summary>
/// The address of a delivery channel, checked when the channel is added: an absolute http(s) URL without user information,
/// control or invisible characters, at most <see cref="MaxLength"/> characters, whose host resolves only to addresses the SSRF
/// guard allows (<see cref="NetworkAddressPolicy"/>, the fetcher's: loopback, private, link-local and metadata addresses are
/// refused unless opened for tests). The same guard is applied again at every connection (<see cref="GuardedConnector"/>), so a
/// name that resolves elsewhere later is refused then.
/// </summary>
public static class ChannelTarget
{
    public const int MaxLength = 2048;

    /// <summary>The URL as parsed, or a refusal naming what is wrong with it (the URL is the owner's own input, shown bounded).</summary>
    public static Uri Parse(string? text)
    {
        var given = text?.Trim() ?? "";
        var shown = Text.VisibleText.Bounded(given, 120);
        if (given.Length == 0) throw new ChannelRefusedException("a channel needs a URL");
        if (given.Length > MaxLength) throw new ChannelRefusedException($"the channel URL has {given.Length} characters; at most {MaxLength}");
        if (VisibleCharacters.FirstForbiddenInUrl(given) is { } forbidden)
            throw new ChannelRefusedException($"the channel URL '{shown}' holds {forbidden.Name} at position {forbidden.Index}");
        if (!Uri.TryCreate(given, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            throw new ChannelRefusedException($"'{shown}' is not an absolute http(s) URL");
        if (url.UserInfo.Length > 0) throw new ChannelRefusedException($"the channel URL '{Shown(given)}' holds a user name or password; put credentials in the path or use a webhook secret");
        if (url.HostNameType is UriHostNameType.Unknown || url.Host.Length == 0) throw new ChannelRefusedException($"the channel URL '{shown}' has no host");
        return url;
    }

    /// <summary>Resolves the host and refuses it when any of its addresses is refused by <paramref name="policy"/> (names the address and why).</summary>
    public static async Task EnsureAllowedAsync(Uri url, NetworkAddressPolicy policy, CancellationToken ct = default)
    {
        IPAddress[] addresses;
        var host = url.IdnHost.Trim('[', ']');
        if (IPAddress.TryParse(host, out var literal)) addresses = [literal];
        else
        {
            try { addresses = await Dns.GetHostAddressesAsync(host, ct); }
            catch (SocketException e) { throw new ChannelRefusedException($"the channel host '{url.Host}' does not resolve: {e.Message}"); }
        }
        if (addresses.Length == 0) throw new ChannelRefusedException($"the channel host '{url.Host}' resolves to no address");
        foreach (var address in addresses)
            if (policy.RefusalReason(address, url.Port) is { } reason)
                throw new ChannelRefusedException($"the channel URL's host '{url.Host}' is {address} ({reason}): delivery channels may not reach it");
    }

    /// <summary>The scheme, host and port only: Slack and Teams URLs carry their credentials in the path.</summary>
    public static string Shown(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? $"{parsed.Scheme}://{parsed.Authority}/…" : "(not a URL)";
}
