using System.Net;
using Snapshots.Fetching;

namespace Snapshots.Tests.Hostile;

/// <summary>IPv6 forms that carry an IPv4 address are judged by the IPv4 they carry.</summary>
[Trait("Category", "Hostile")]
public sealed class AddressProbes
{
    private static readonly NetworkAddressPolicy Strict = new(allowPrivateNetworks: false);

    [Theory]
    [InlineData("::ffff:0:127.0.0.1", "loopback, IPv4-translated")]
    [InlineData("::ffff:0:169.254.169.254", "cloud metadata, IPv4-translated")]
    [InlineData("::ffff:0:10.0.0.1", "private network, IPv4-translated")]
    [InlineData("::ffff:127.0.0.1", "loopback, IPv4-mapped")]
    [InlineData("64:ff9b::127.0.0.1", "loopback, NAT64")]
    [InlineData("64:ff9b::a9fe:a9fe", "cloud metadata, NAT64")]
    [InlineData("2002:7f00:1::1", "loopback, 6to4")]
    [InlineData("2002:a9fe:a9fe::", "cloud metadata, 6to4")]
    // Teredo: client 127.0.0.1 is stored bit-inverted (80ff:fffe) in the last 32 bits.
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback, Teredo client")]
    [InlineData("2001:0:4136:e378:8000:63bf:f5ff:fffe", "private network, Teredo client")]
    // Teredo with a public client but a server in a refused range.
    [InlineData("2001:0:a9fe:a9fe:8000:63bf:3fff:fdd2", "cloud metadata, Teredo server")]
    public void Refuses_IPv6_that_carries_a_refused_IPv4(string address, string reason) =>
        Assert.Equal(reason, Strict.RefusalReason(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::ffff:0:93.184.216.34")]
    [InlineData("64:ff9b::93.184.216.34")]
    [InlineData("2002:5db8:d822::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:a247:27dd")]
    public void Allows_IPv6_that_carries_a_public_IPv4(string address) =>
        Assert.Null(Strict.RefusalReason(IPAddress.Parse(address)));
}
