using System.Net;
using Snapshots.Fetching;

namespace Snapshots.Tests.Fetching;

public sealed class NetworkAddressPolicyTests
{
    private static readonly NetworkAddressPolicy Strict = new(allowPrivateNetworks: false);
    private static readonly NetworkAddressPolicy Open = new(allowPrivateNetworks: true);

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("10.1.2.3", "private network")]
    [InlineData("172.16.0.1", "private network")]
    [InlineData("172.31.255.255", "private network")]
    [InlineData("192.168.1.1", "private network")]
    [InlineData("169.254.10.20", "link-local")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("100.127.255.254", "carrier-grade NAT")]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("100.100.100.200", "cloud metadata")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "this network 0.0.0.0/8")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("240.0.0.1", "reserved")]
    public void Refuses_special_IPv4_ranges(string address, string reason) =>
        Assert.Equal(reason, Strict.RefusalReason(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf::1", "link-local")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("fd00:ec2::254", "cloud metadata")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("64:ff9b:1::a00:1", "local-use NAT64")]
    public void Refuses_special_IPv6_ranges(string address, string reason) =>
        Assert.Equal(reason, Strict.RefusalReason(IPAddress.Parse(address)));

    [Theory]
    [InlineData("::ffff:127.0.0.1", "loopback, IPv4-mapped")]
    [InlineData("::ffff:10.0.0.1", "private network, IPv4-mapped")]
    [InlineData("::ffff:169.254.169.254", "cloud metadata, IPv4-mapped")]
    [InlineData("::127.0.0.1", "loopback, IPv4-compatible")]
    [InlineData("::192.168.0.1", "private network, IPv4-compatible")]
    [InlineData("2002:7f00:1::", "loopback, 6to4")]
    [InlineData("2002:a9fe:a9fe::1", "cloud metadata, 6to4")]
    [InlineData("64:ff9b::7f00:1", "loopback, NAT64")]
    [InlineData("64:ff9b::c0a8:101", "private network, NAT64")]
    public void Judges_IPv6_forms_by_the_IPv4_address_they_embed(string address, string reason) =>
        Assert.Equal(reason, Strict.RefusalReason(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("169.253.1.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4007:80e::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2002:808:808::1")]
    [InlineData("64:ff9b::808:808")]
    public void Allows_public_addresses(string address) =>
        Assert.Null(Strict.RefusalReason(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("10.0.0.1")]
    [InlineData("192.168.0.10")]
    [InlineData("169.254.1.1")]
    [InlineData("100.64.1.1")]
    [InlineData("fd12::1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Allowing_private_networks_opens_loopback_and_private_ranges(string address)
    {
        Assert.NotNull(Strict.RefusalReason(IPAddress.Parse(address)));
        Assert.Null(Open.RefusalReason(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("169.254.169.254", "cloud metadata")]
    [InlineData("fd00:ec2::254", "cloud metadata")]
    [InlineData("::ffff:169.254.169.254", "cloud metadata, IPv4-mapped")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("ff02::1", "multicast")]
    public void Allowing_private_networks_still_refuses_metadata_and_non_unicast(string address, string reason) =>
        Assert.Equal(reason, Open.RefusalReason(IPAddress.Parse(address)));

    [Fact]
    public void Judges_scoped_link_local_IPv6_addresses() =>
        Assert.Equal("link-local", Strict.RefusalReason(IPAddress.Parse("fe80::1%2")));

    [Fact]
    public void An_allowed_private_endpoint_opens_that_address_and_port_only_and_never_metadata()
    {
        var policy = new NetworkAddressPolicy(false, [IPEndPoint.Parse("127.0.0.1:8080"), IPEndPoint.Parse("169.254.169.254:80")]);

        Assert.Null(policy.RefusalReason(IPAddress.Loopback, 8080));
        Assert.Equal("loopback", policy.RefusalReason(IPAddress.Loopback, 8081));
        Assert.Equal("loopback", policy.RefusalReason(IPAddress.Parse("127.0.0.2"), 8080));
        Assert.Equal("cloud metadata", policy.RefusalReason(IPAddress.Parse("169.254.169.254"), 80));
    }
}
