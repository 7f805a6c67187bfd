using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;
using Snapshots.Catalog;
using Snapshots.Text;

namespace Snapshots.Archive;

/// <summary>
/// Gathers what a token needs to verify offline after its authority's certificates expire, and stores it create-only next
/// to the version: the token itself, its signer's certificate chain (PEM, signer first) and, for each certificate of the
/// chain below its root that names a CRL distribution point, the revocation list fetched now and checked (signed by the
/// issuer, current, the certificate not listed). A token whose validation data cannot be had or fails its checks is not
/// stored: the failure is returned, naming the authority and the certificate.
/// </summary>
public sealed class TokenValidationCollector(SnapshotArchive archive, TimestampValidator validator, RevocationFetcher fetcher, IOptions<EvidenceOptions> options)
{
    public async Task<(TokenRecord? Token, string? Problem)> CollectAsync(DocumentId document, ObtainedTimestamp obtained, string imprint, string? renewalOf,
        DateTimeOffset notBefore, string? tokenBlob, CancellationToken ct)
    {
        var verdict = validator.Check(obtained.Response, imprint, notBefore);
        if (!verdict.Valid || verdict.Facts is not { } facts) return (null, $"{obtained.Authority}: token rejected: {string.Join("; ", verdict.Problems)}");
        if (verdict.Chain.Count == 0) return (null, $"{obtained.Authority}: its signer's certificate chain could not be built");

        var revocations = new List<(X509Certificate2 Certificate, string Url, byte[] Crl)>();
        for (var i = 0; i + 1 < verdict.Chain.Count; i++)
        {
            var certificate = verdict.Chain[i];
            var urls = RevocationCheck.CrlUrlsOf(certificate);
            if (urls.Count == 0) continue;
            var failures = new List<string>();
            foreach (var url in urls)
            {
                var (crl, fetchProblem) = await fetcher.FetchAsync(url, ct);
                if (crl is null) { failures.Add(fetchProblem!); continue; }
                if (RevocationCheck.Problem(crl, certificate, verdict.Chain[i + 1], facts.GenTime, options.Value.TimestampTolerance) is { } problem)
                    return (null, $"{obtained.Authority}: certificate '{certificate.Subject}': {problem} ({url}); the token is not stored");
                revocations.Add((certificate, url, crl));
                failures.Clear();
                break;
            }
            if (failures.Count > 0)
                return (null, $"{obtained.Authority}: no revocation answer for certificate '{certificate.Subject}': {string.Join("; ", failures)}");
        }

        var chainPem = Encoding.ASCII.GetBytes(string.Concat(verdict.Chain.Select(c => c.ExportCertificatePem() + "\n")));
        var chainSha = Sha256Hex.Of(chainPem);
        var chainBlob = SnapshotArchive.BlobName(document, chainSha, "pem");
        var tokenSha = Sha256Hex.Of(obtained.Response);
        var blob = tokenBlob ?? SnapshotArchive.BlobName(document, tokenSha, "tsr");
        var stored = new List<RevocationRecord>();
        foreach (var (certificate, url, crl) in revocations)
        {
            var crlSha = Sha256Hex.Of(crl);
            var crlBlob = SnapshotArchive.BlobName(document, crlSha, "crl");
            await archive.WriteOnceAsync(crlBlob, crl, "application/pkix-crl", ct);
            stored.Add(new RevocationRecord(certificate.Subject, "crl", url, crlBlob, crlSha));
        }
        await archive.WriteOnceAsync(chainBlob, chainPem, "application/x-pem-file", ct);
        if (tokenBlob is null) await archive.WriteOnceAsync(blob, obtained.Response, "application/timestamp-reply", ct);
        var notAfter = verdict.Chain.Min(c => new DateTimeOffset(c.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        return (new TokenRecord(obtained.Authority, blob, tokenSha, facts.Signer, facts.Serial, facts.GenTime, imprint, renewalOf, chainBlob, chainSha, stored, notAfter), null);
    }
}
