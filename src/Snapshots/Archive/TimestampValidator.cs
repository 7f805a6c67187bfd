using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Snapshots.Archive;

/// <summary>What a valid token says: who signed it, its serial number and the time the authority vouches for.</summary>
public sealed record TimestampFacts(string Signer, string Serial, DateTimeOffset GenTime);

/// <summary>The result of checking one token; <see cref="Facts"/> is read whenever the token could be decoded.</summary>
public sealed record TimestampVerdict(TimestampFacts? Facts, IReadOnlyList<string> Problems, IReadOnlyList<X509Certificate2> Certificates)
{
    /// <summary>The signer's chain as built at the token's time, signer first, up to its trust anchor; empty when it did not build.</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; init; } = [];

    public bool Valid => Problems.Count == 0;
}

/// <summary>
/// Checks an RFC 3161 response against a version: the message imprint is the version's chain hash (SHA-256), the
/// signature verifies, the signer chains to the trust anchors with the timeStamping extended key usage (at the token's
/// time, revocation not checked: the check must work offline), and the token's time is not before the capture time minus
/// the tolerance.
/// </summary>
public sealed class TimestampValidator(TrustAnchors anchors, IOptions<EvidenceOptions> options)
{
    public const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    public const string TimeStampingOid = "1.3.6.1.5.5.7.3.8";

    /// <param name="untrusted">Certificates besides those the token carries that may complete its signer's chain (a chain stored
    /// beside the token: <c>openssl ts -verify -untrusted</c>); never trusted themselves.</param>
    public TimestampVerdict Check(ReadOnlyMemory<byte> response, string chainHash, DateTimeOffset capturedAt, IEnumerable<X509Certificate2>? untrusted = null)
    {
        Rfc3161TimestampToken token;
        try { token = TimestampResponse.ReadToken(response); }
        catch (CryptographicException e) { return new TimestampVerdict(null, [e.Message], []); }

        var problems = new List<string>();
        var info = token.TokenInfo;
        var certificates = token.AsSignedCms().Certificates.Cast<X509Certificate2>().ToList();
        var imprint = info.GetMessageHash().ToArray();
        if (info.HashAlgorithmId.Value != Sha256Oid)
            problems.Add($"its imprint uses hash algorithm {info.HashAlgorithmId.Value}, not SHA-256");
        else if (!IsHex64(chainHash) || !imprint.AsSpan().SequenceEqual(Convert.FromHexString(chainHash)))
            problems.Add($"its imprint {Short(Convert.ToHexStringLower(imprint))} is not the chain hash {Short(chainHash)}: it is a token for something else");

        X509Certificate2? signer = null;
        IReadOnlyList<X509Certificate2> chain = [];
        var signatureValid = info.HashAlgorithmId.Value == Sha256Oid
            && token.VerifySignatureForHash(imprint, HashAlgorithmName.SHA256, out signer, new X509Certificate2Collection(certificates.ToArray()));
        if (!signatureValid) problems.Add("its signature does not verify (or the signer certificate is not in the token)");
        else if (signer is not null && ChainProblem(signer, [.. certificates, .. untrusted ?? []], info.Timestamp, out chain) is { } chainProblem) problems.Add(chainProblem);

        var tolerance = options.Value.TimestampTolerance;
        if (info.Timestamp < HashChain.Truncate(capturedAt) - tolerance)
            problems.Add($"its time {HashChain.FormatTime(info.Timestamp)} is before the capture time {HashChain.FormatTime(capturedAt)} minus {tolerance}");

        var name = signer?.GetNameInfo(X509NameType.SimpleName, false) ?? info.GetTimestampAuthorityName()?.ToString() ?? "unknown authority";
        var facts = new TimestampFacts(name, Convert.ToHexStringLower(info.GetSerialNumber().Span), info.Timestamp.ToUniversalTime());
        return new TimestampVerdict(facts, problems, certificates) { Chain = chain };
    }

    private string? ChainProblem(X509Certificate2 signer, IReadOnlyList<X509Certificate2> carried, DateTimeOffset time, out IReadOnlyList<X509Certificate2> built)
    {
        built = [];
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.VerificationTime = time.UtcDateTime;
        policy.ApplicationPolicy.Add(new Oid(TimeStampingOid));
        foreach (var certificate in carried) policy.ExtraStore.Add(certificate);
        if (!anchors.UsesSystemRoots)
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(anchors.Certificates);
        }
        if (chain.Build(signer))
        {
            built = chain.ChainElements.Select(e => e.Certificate).ToList();
            return null;
        }
        var reasons = chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct();
        return $"its signer '{signer.Subject}' does not chain to {anchors.Describe()} for time stamping: {string.Join("; ", reasons)}";
    }

    private static bool IsHex64(string value) => value.Length == 64 && value.All(Uri.IsHexDigit);

    private static string Short(string hash) => hash.Length > 16 ? hash[..16] : hash;
}
