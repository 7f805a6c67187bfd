using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Security;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Snapshots.Archive;

/// <summary>
/// OCSP (RFC 6960) for a timestamp authority's certificate: the responder URLs its Authority Information Access names, the
/// request for its status (SHA-1 certificate ID, no nonce: RFC 5019's form, which every public responder answers), and the
/// offline checks of an answer stored with a token: a successful basic response, signed by the certificate's issuer or by a
/// responder the issuer delegated to (a certificate it issued with the OCSPSigning extended key usage, valid at the token's
/// time), about this certificate, current at the token's time (thisUpdate not after it beyond the tolerance, nextUpdate not
/// before it; without a nextUpdate, thisUpdate within the tolerance of it), and "good". What <c>openssl ocsp -respin</c> checks,
/// with the time window checked at the token's time rather than now.
/// </summary>
public static class OcspCheck
{
    /// <summary>The <see cref="RevocationRecord.Kind"/> of an OCSP answer (and its blob's extension).</summary>
    public const string Kind = "ocsp";
    public const string RequestMediaType = "application/ocsp-request";
    private const string OcspSigningOid = "1.3.6.1.5.5.7.3.9";

    /// <summary>The OCSP responder URLs (http) a certificate names in its Authority Information Access; empty when it names none.</summary>
    public static IReadOnlyList<string> UrlsOf(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions["1.3.6.1.5.5.7.1.1"];
        if (extension is null) return [];
        try
        {
            return AuthorityInformationAccess.GetInstance(Asn1Object.FromByteArray(extension.RawData)).GetAccessDescriptions()
                .Where(d => d.AccessMethod.Equals(AccessDescription.IdADOcsp) && d.AccessLocation.TagNo == GeneralName.UniformResourceIdentifier)
                .Select(d => DerIA5String.GetInstance(d.AccessLocation.Name).GetString())
                .Where(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || u.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                .ToList();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.IO.IOException)
        {
            return [];
        }
    }

    /// <summary>The DER OCSP request for <paramref name="certificate"/>'s status, to POST to its responder.</summary>
    public static byte[] RequestFor(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(new AlgorithmIdentifier(Org.BouncyCastle.Asn1.Oiw.OiwObjectIdentifiers.IdSha1, DerNull.Instance), DotNetUtilities.FromX509Certificate(issuer), SerialOf(certificate)));
        return generator.Generate().GetEncoded();
    }

    /// <summary>Null when <paramref name="answer"/> shows <paramref name="certificate"/> good at <paramref name="at"/>; else what is wrong.</summary>
    public static string? Problem(byte[] answer, X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset at, TimeSpan tolerance)
    {
        BasicOcspResp basic;
        try
        {
            var response = new OcspResp(answer);
            if (response.Status != OcspRespStatus.Successful) return $"its OCSP responder answered status {StatusName(response.Status)}, not a status";
            basic = response.GetResponseObject() as BasicOcspResp ?? throw new ArgumentException("not a basic OCSP response");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"its OCSP answer is not an OCSP response ({e.Message})";
        }
        var issuerBc = DotNetUtilities.FromX509Certificate(issuer);
        if (SignerProblem(basic, issuerBc, issuer.Subject, at) is { } signer) return signer;

        var serial = SerialOf(certificate);
        SingleResp? single;
        try
        {
            single = basic.Responses.FirstOrDefault(r =>
            {
                var id = r.GetCertID();
                return id.SerialNumber.Equals(serial) && id.MatchesIssuer(issuerBc);
            });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"its OCSP answer names certificates in a form that cannot be read ({e.Message})";
        }
        if (single is null) return $"its OCSP answer says nothing about certificate '{certificate.Subject}' (serial {certificate.SerialNumber.ToLowerInvariant()})";

        var thisUpdate = Utc(single.ThisUpdate);
        if (thisUpdate > at + tolerance)
            return $"its OCSP answer was made at {HashChain.FormatTime(thisUpdate)}, after the token's time {HashChain.FormatTime(at)}";
        if (single.NextUpdate is { } next)
        {
            if (Utc(next) < at) return $"its OCSP answer expired: its nextUpdate {HashChain.FormatTime(Utc(next))} is before the token's time {HashChain.FormatTime(at)}";
        }
        else if (thisUpdate < at - tolerance)
            return $"its OCSP answer, made at {HashChain.FormatTime(thisUpdate)} with no nextUpdate, is older than the token's time {HashChain.FormatTime(at)} minus {tolerance}";

        return single.GetCertStatus() switch
        {
            null => null,
            RevokedStatus revoked => $"certificate '{certificate.Subject}' (serial {certificate.SerialNumber.ToLowerInvariant()}) is revoked since {HashChain.FormatTime(Utc(revoked.RevocationTime))} by its OCSP responder",
            _ => $"its OCSP responder does not know certificate '{certificate.Subject}' (status unknown)",
        };
    }

    /// <summary>The answer is signed by the issuer, or by a certificate in it that the issuer made an OCSP responder; null when so.</summary>
    private static string? SignerProblem(BasicOcspResp basic, BcCertificate issuer, string issuerName, DateTimeOffset at)
    {
        try
        {
            if (Names(basic.ResponderId, issuer)) return basic.Verify(issuer.GetPublicKey()) ? null : $"its OCSP answer's signature does not verify with the issuer '{issuerName}'";
            var delegated = basic.GetCerts().FirstOrDefault(c => Names(basic.ResponderId, c));
            if (delegated is null) return $"its OCSP answer is signed by neither the issuer '{issuerName}' nor a responder certificate it carries";
            if (!delegated.IssuerDN.Equivalent(issuer.SubjectDN)) return $"its OCSP answer is signed by '{delegated.SubjectDN}', which the issuer '{issuerName}' did not certify";
            try { delegated.Verify(issuer.GetPublicKey()); }
            catch (Exception e) when (e is not OutOfMemoryException) { return $"its OCSP responder '{delegated.SubjectDN}' is not certified by the issuer '{issuerName}' ({e.GetType().Name})"; }
            if (!(delegated.GetExtendedKeyUsage()?.Any(u => u.Id == OcspSigningOid) ?? false))
                return $"its OCSP responder '{delegated.SubjectDN}' is not allowed to sign OCSP answers (no OCSPSigning extended key usage)";
            if (!delegated.IsValid(at.UtcDateTime)) return $"its OCSP responder's certificate '{delegated.SubjectDN}' was not valid at the token's time {HashChain.FormatTime(at)}";
            return basic.Verify(delegated.GetPublicKey()) ? null : $"its OCSP answer's signature does not verify with its responder '{delegated.SubjectDN}'";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"its OCSP answer's signature cannot be checked ({e.Message})";
        }
    }

    private static bool Names(RespID responder, BcCertificate certificate) =>
        responder.Equals(new RespID(certificate.SubjectDN)) || responder.Equals(new RespID(certificate.GetPublicKey()));

    private static BigInteger SerialOf(X509Certificate2 certificate) => new(1, certificate.GetSerialNumber().Reverse().ToArray());

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static string StatusName(int status) => status switch
    {
        OcspRespStatus.MalformedRequest => "malformedRequest",
        OcspRespStatus.InternalError => "internalError",
        OcspRespStatus.TryLater => "tryLater",
        OcspRespStatus.SigRequired => "sigRequired",
        OcspRespStatus.Unauthorized => "unauthorized",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
