using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace Snapshots.Archive;

/// <summary>
/// A stored <c>.tsr</c>: the RFC 3161 TimeStampResp exactly as the authority sent it
/// (<c>SEQUENCE { status PKIStatusInfo, timeStampToken ContentInfo OPTIONAL }</c>), the form <c>openssl ts -verify -in</c> reads.
/// </summary>
internal static class TimestampResponse
{
    /// <summary>The token inside a granted response; a <see cref="CryptographicException"/> says why there is none.</summary>
    public static Rfc3161TimestampToken ReadToken(ReadOnlyMemory<byte> response)
    {
        try
        {
            var reader = new AsnReader(response, AsnEncodingRules.BER);
            var body = reader.ReadSequence();
            var statusInfo = body.ReadSequence();
            var status = (int)statusInfo.ReadInteger();
            if (status is not (0 or 1)) throw new CryptographicException($"the authority did not grant the timestamp (PKIStatus {status})");
            if (!body.HasData) throw new CryptographicException("the response carries no token");
            var encoded = body.ReadEncodedValue();
            if (!Rfc3161TimestampToken.TryDecode(encoded, out var token, out _) || token is null)
                throw new CryptographicException("the response's token is not an RFC 3161 timestamp token");
            return token;
        }
        catch (AsnContentException e)
        {
            throw new CryptographicException($"not an RFC 3161 timestamp response: {e.Message}", e);
        }
    }
}
