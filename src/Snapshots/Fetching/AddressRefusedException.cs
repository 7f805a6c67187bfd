using System.Net;

namespace Snapshots.Fetching;

/// <summary>Thrown at connect time when every address a host resolves to is refused by the <see cref="NetworkAddressPolicy"/>.</summary>
internal sealed class AddressRefusedException(string host, IPAddress address, string policyReason)
    : Exception($"refused address {address} ({policyReason}) for host {host}")
{
    public string Host { get; } = host;
    public IPAddress Address { get; } = address;

    /// <summary>The refusal anywhere in an exception's chain of inner exceptions, or null.</summary>
    public static AddressRefusedException? FindIn(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
            if (current is AddressRefusedException refused) return refused;
        return null;
    }
}
