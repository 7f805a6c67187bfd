using System.Net;
using System.Net.Sockets;

namespace Snapshots.Fetching;

/// <summary>
/// Decides which IP addresses a fetch may connect to. Loopback, private, link-local, carrier-grade NAT
/// and unique-local ranges are refused unless private networks are allowed (tests, local demos); cloud
/// metadata endpoints, multicast, unspecified, broadcast and reserved addresses are refused always.
/// IPv6 forms that embed an IPv4 address (mapped <c>::ffff:0:0/96</c>, translated <c>::ffff:0:0:0/96</c>, compatible, 6to4
/// <c>2002::/16</c>, NAT64 <c>64:ff9b::/96</c>, Teredo <c>2001::/32</c>: its server and its obfuscated client) are judged by
/// the IPv4 address they carry.
/// </summary>
public sealed class NetworkAddressPolicy(bool allowPrivateNetworks)
{
    public bool AllowPrivateNetworks { get; } = allowPrivateNetworks;

    /// <summary>Why a connection to <paramref name="address"/> is refused (e.g. "loopback"), or null when it is allowed.</summary>
    public string? RefusalReason(IPAddress address)
    {
        var range = Classify(address);
        if (range is null) return null;
        return range.Value.IsPrivateNetwork && AllowPrivateNetworks ? null : range.Value.Name;
    }

    private readonly record struct SpecialRange(string Name, bool IsPrivateNetwork)
    {
        public SpecialRange Embedded(string form) => this with { Name = $"{Name}, {form}" };
    }

    private static readonly SpecialRange Loopback = new("loopback", true);
    private static readonly SpecialRange Private = new("private network", true);
    private static readonly SpecialRange LinkLocal = new("link-local", true);
    private static readonly SpecialRange CarrierGradeNat = new("carrier-grade NAT", true);
    private static readonly SpecialRange UniqueLocal = new("unique-local", true);
    private static readonly SpecialRange SiteLocal = new("site-local", true);
    private static readonly SpecialRange CloudMetadata = new("cloud metadata", false);
    private static readonly SpecialRange Multicast = new("multicast", false);
    private static readonly SpecialRange Unspecified = new("unspecified", false);
    private static readonly SpecialRange ThisNetwork = new("this network 0.0.0.0/8", false);
    private static readonly SpecialRange Broadcast = new("broadcast", false);
    private static readonly SpecialRange Reserved = new("reserved", false);

    private static SpecialRange? Classify(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => ClassifyV4(address.GetAddressBytes()),
        AddressFamily.InterNetworkV6 => ClassifyV6(address.GetAddressBytes()),
        _ => new SpecialRange($"address family {address.AddressFamily}", false),
    };

    private static SpecialRange? ClassifyV4(ReadOnlySpan<byte> b) => (b[0], b[1], b[2], b[3]) switch
    {
        (0, 0, 0, 0) => Unspecified,
        (0, _, _, _) => ThisNetwork,
        (255, 255, 255, 255) => Broadcast,
        (127, _, _, _) => Loopback,
        (10, _, _, _) => Private,
        (172, >= 16 and <= 31, _, _) => Private,
        (192, 168, _, _) => Private,
        (169, 254, 169, 254) => CloudMetadata,
        (100, 100, 100, 200) => CloudMetadata,
        (169, 254, _, _) => LinkLocal,
        (100, >= 64 and <= 127, _, _) => CarrierGradeNat,
        (>= 224 and <= 239, _, _, _) => Multicast,
        (>= 240, _, _, _) => Reserved,
        _ => null,
    };

    private static readonly byte[] AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254").GetAddressBytes();

    private static SpecialRange? ClassifyV6(ReadOnlySpan<byte> b)
    {
        if (b[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            if (b[12..15].IndexOfAnyExcept((byte)0) < 0 && b[15] <= 1) return b[15] == 0 ? Unspecified : Loopback;
            return Embedded(b[12..], "IPv4-compatible");
        }
        if (b[..10].IndexOfAnyExcept((byte)0) < 0 && b[10] == 0xff && b[11] == 0xff)
            return Embedded(b[12..], "IPv4-mapped");
        if (b[..8].IndexOfAnyExcept((byte)0) < 0 && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0)
            return Embedded(b[12..], "IPv4-translated");
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
            return Teredo(b);
        if (b.SequenceEqual(AwsMetadataV6)) return CloudMetadata;
        if (b[0] == 0xff) return Multicast;
        if ((b[0] & 0xfe) == 0xfc) return UniqueLocal;
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return LinkLocal;
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return SiteLocal;
        if (b[0] == 0x20 && b[1] == 0x02) return Embedded(b[2..6], "6to4");
        if (IsNat64WellKnownPrefix(b)) return Embedded(b[12..], "NAT64");
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0x00 && b[5] == 0x01)
            return Private with { Name = "local-use NAT64" };
        return null;
    }

    // 64:ff9b::/96
    private static bool IsNat64WellKnownPrefix(ReadOnlySpan<byte> b) =>
        b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].IndexOfAnyExcept((byte)0) < 0;

    /// <summary>Teredo (RFC 4380): bytes 4–7 are the server's IPv4, bytes 12–15 the client's, each bit inverted.</summary>
    private static SpecialRange? Teredo(ReadOnlySpan<byte> b)
    {
        Span<byte> client = stackalloc byte[4];
        for (var i = 0; i < 4; i++) client[i] = (byte)~b[12 + i];
        return Embedded(client, "Teredo client") ?? Embedded(b[4..8], "Teredo server");
    }

    private static SpecialRange? Embedded(ReadOnlySpan<byte> ipv4, string form) =>
        ClassifyV4(ipv4)?.Embedded(form);
}
