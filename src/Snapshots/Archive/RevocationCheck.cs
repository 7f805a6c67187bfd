using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Snapshots.Archive;

/// <summary>
/// The offline checks of a certificate revocation list stored with a token: it parses, it is signed by the certificate's
/// issuer, it was issued by the token's time (within the tolerance) and still current then (its nextUpdate not before it),
/// and it does not list the certificate as revoked. What <c>openssl crl -verify</c> and <c>openssl verify -crl_check</c> check.
/// </summary>
public static class RevocationCheck
{
    /// <summary>The <see cref="RevocationRecord.Kind"/> of a revocation list (and its blob's extension).</summary>
    public const string Kind = "crl";

    /// <summary>The check of a stored revocation answer of either kind, the one used at stamping, by <c>verify</c> and by <c>verify --bundle</c>.</summary>
    public static string? ProblemOf(string kind, byte[] answer, X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset at, TimeSpan tolerance) => kind switch
    {
        Kind => Problem(answer, certificate, issuer, at, tolerance),
        OcspCheck.Kind => OcspCheck.Problem(answer, certificate, issuer, at, tolerance),
        _ => $"its revocation answer is of kind '{kind}', which this version of Snapshots does not know",
    };

    /// <summary>Whether the certificate names any revocation source (a CRL distribution point or an OCSP responder).</summary>
    public static bool NamesASource(X509Certificate2 certificate) => CrlUrlsOf(certificate).Count > 0 || OcspCheck.UrlsOf(certificate).Count > 0;

    /// <summary>The CRL distribution point URLs (http) a certificate names; empty when it names none.</summary>
    public static IReadOnlyList<string> CrlUrlsOf(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions["2.5.29.31"];
        if (extension is null) return [];
        try
        {
            var points = CrlDistPoint.GetInstance(Asn1Object.FromByteArray(extension.RawData));
            return points.GetDistributionPoints()
                .Select(p => p.DistributionPointName)
                .Where(n => n is not null && n.Type == DistributionPointName.FullName)
                .SelectMany(n => GeneralNames.GetInstance(n.Name).GetNames())
                .Where(g => g.TagNo == GeneralName.UniformResourceIdentifier)
                .Select(g => DerIA5String.GetInstance(g.Name).GetString())
                .Where(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || u.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                .ToList();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.IO.IOException)
        {
            return [];
        }
    }

    /// <summary>Null when <paramref name="crl"/> shows <paramref name="certificate"/> good at <paramref name="at"/>; else what is wrong.</summary>
    public static string? Problem(byte[] crl, X509Certificate2 certificate, X509Certificate2 issuer, DateTimeOffset at, TimeSpan tolerance)
    {
        X509Crl parsed;
        try
        {
            parsed = new X509CrlParser().ReadCrl(crl) ?? throw new ArgumentException("empty");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"its revocation list is not a CRL ({e.Message})";
        }
        var issuerName = DotNetUtilities.FromX509Certificate(issuer);
        if (!parsed.IssuerDN.Equivalent(issuerName.SubjectDN))
            return $"its revocation list is issued by '{parsed.IssuerDN}', not by the certificate's issuer '{issuer.Subject}'";
        try
        {
            parsed.Verify(issuerName.GetPublicKey());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"its revocation list's signature does not verify with the issuer '{issuer.Subject}' ({e.GetType().Name})";
        }
        var thisUpdate = new DateTimeOffset(DateTime.SpecifyKind(parsed.ThisUpdate, DateTimeKind.Utc));
        if (thisUpdate > at + tolerance)
            return $"its revocation list was issued at {HashChain.FormatTime(thisUpdate)}, after the token's time {HashChain.FormatTime(at)}";
        if (parsed.NextUpdate is { } next && new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) < at)
            return $"its revocation list expired: its nextUpdate {HashChain.FormatTime(new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)))} is before the token's time {HashChain.FormatTime(at)}";
        var revoked = parsed.GetRevokedCertificate(new BigInteger(1, certificate.GetSerialNumber().Reverse().ToArray()));
        if (revoked is not null)
            return $"certificate '{certificate.Subject}' (serial {certificate.SerialNumber.ToLowerInvariant()}) is revoked since {HashChain.FormatTime(new DateTimeOffset(DateTime.SpecifyKind(revoked.RevocationDate, DateTimeKind.Utc)))} by its revocation list";
        return null;
    }
}
