using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;
using Snapshots.Catalog;
using Snapshots.Text;

namespace Snapshots.Archive;

/// <summary>
/// Gathers what a token needs to verify offline after its authority's certificates expire, and stores it create-only next
/// to the version: the token itself, its signer's certificate chain (PEM, signer first) and, for each certificate of the
/// chain below its root, the revocation answers it names, fetched now and checked: the revocation list of a CRL distribution
/// point (signed by the issuer, current, the certificate not listed, <see cref="RevocationCheck"/>) and the answer of an OCSP
/// responder named in its Authority Information Access (signed by the issuer or its delegated responder, current, "good",
/// <see cref="OcspCheck"/>). One answer of each kind is kept; a certificate that names a source must have at least one
/// answer, and any answer that fails (a revoked certificate above all) refuses the token. A token whose validation data
/// cannot be had or fails its checks is not stored: the failure is returned, naming the authority and the certificate. A
/// certificate that names neither source is stored without an answer (its revocation is unchecked, and said so).
/// </summary>
public sealed class TokenValidationCollector(SnapshotArchive archive, TimestampValidator validator, RevocationFetcher fetcher, IOptions<EvidenceOptions> options)
{
    public async Task<(TokenRecord? Token, string? Problem)> CollectAsync(DocumentId document, ObtainedTimestamp obtained, string imprint, string? renewalOf,
        DateTimeOffset notBefore, string? tokenBlob, CancellationToken ct)
    {
        var verdict = validator.Check(obtained.Response, imprint, notBefore);
        if (!verdict.Valid || verdict.Facts is not { } facts) return (null, $"{obtained.Authority}: token rejected: {string.Join("; ", verdict.Problems)}");
        if (verdict.Chain.Count == 0) return (null, $"{obtained.Authority}: its signer's certificate chain could not be built");

        var revocations = new List<(X509Certificate2 Certificate, string Kind, string Url, byte[] Answer)>();
        for (var i = 0; i + 1 < verdict.Chain.Count; i++)
        {
            var (certificate, issuer) = (verdict.Chain[i], verdict.Chain[i + 1]);
            var sources = RevocationCheck.CrlUrlsOf(certificate).Select(u => (Kind: RevocationCheck.Kind, Url: u))
                .Concat(OcspCheck.UrlsOf(certificate).Select(u => (Kind: OcspCheck.Kind, Url: u))).ToList();
            if (sources.Count == 0) continue;
            var failures = new List<string>();
            var answered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (kind, url) in sources)
            {
                // One answer of each kind is enough; a source that cannot be reached is named only when no source answered.
                if (answered.Contains(kind)) continue;
                var (answer, fetchProblem) = kind == OcspCheck.Kind
                    ? await fetcher.AskOcspAsync(url, OcspCheck.RequestFor(certificate, issuer), ct)
                    : await fetcher.FetchAsync(url, ct);
                if (answer is null) { failures.Add(fetchProblem!); continue; }
                if (RevocationCheck.ProblemOf(kind, answer, certificate, issuer, facts.GenTime, options.Value.TimestampTolerance) is { } problem)
                    return (null, $"{obtained.Authority}: certificate '{certificate.Subject}': {problem} ({url}); the token is not stored");
                revocations.Add((certificate, kind, url, answer));
                answered.Add(kind);
            }
            if (answered.Count == 0)
                return (null, $"{obtained.Authority}: no revocation answer for certificate '{certificate.Subject}': {string.Join("; ", failures)}");
        }

        var chainPem = Encoding.ASCII.GetBytes(string.Concat(verdict.Chain.Select(c => c.ExportCertificatePem() + "\n")));
        var chainSha = Sha256Hex.Of(chainPem);
        var chainBlob = SnapshotArchive.BlobName(document, chainSha, "pem");
        var tokenSha = Sha256Hex.Of(obtained.Response);
        var blob = tokenBlob ?? SnapshotArchive.BlobName(document, tokenSha, "tsr");
        var stored = new List<RevocationRecord>();
        foreach (var (certificate, kind, url, answer) in revocations)
        {
            var answerSha = Sha256Hex.Of(answer);
            var answerBlob = SnapshotArchive.BlobName(document, answerSha, kind);
            await archive.WriteOnceAsync(answerBlob, answer, kind == OcspCheck.Kind ? "application/ocsp-response" : "application/pkix-crl", ct);
            stored.Add(new RevocationRecord(certificate.Subject, kind, url, answerBlob, answerSha));
        }
        await archive.WriteOnceAsync(chainBlob, chainPem, "application/x-pem-file", ct);
        if (tokenBlob is null) await archive.WriteOnceAsync(blob, obtained.Response, "application/timestamp-reply", ct);
        var notAfter = verdict.Chain.Min(c => new DateTimeOffset(c.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        return (new TokenRecord(obtained.Authority, blob, tokenSha, facts.Signer, facts.Serial, facts.GenTime, imprint, renewalOf, chainBlob, chainSha, stored, notAfter), null);
    }
}
