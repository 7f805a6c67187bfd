namespace Snapshots.Archive;

/// <summary>How far a check of evidence reaches, given what it found and what the evidence holds.</summary>
public enum EvidenceLevel
{
    /// <summary>Something does not match: nothing is vouched for.</summary>
    Mismatch,
    /// <summary>Everything matches, but no timestamp token (nor signed checkpoint) is there: integrity only, no proof of time or origin.</summary>
    IntegrityOnly,
    /// <summary>Everything matches, and some versions, not all, carry a token that verifies against trust anchors from outside the evidence.</summary>
    PartlyTimestamped,
    /// <summary>Everything matches, and every version carries a token that verifies against trust anchors from outside the evidence.</summary>
    Timestamped,
}

/// <summary>
/// The one verdict that <c>verify</c>, <c>verify --bundle</c>, the version page, a bundle's VERIFY.md and CERTIFICATE.md give for
/// the same check (<see cref="VersionEvidence"/>, <see cref="BundleVerifier"/>): hashes that match prove only that the files agree
/// with each other, since whoever holds them can recompute every hash. Only a timestamp token that verifies against a trust
/// anchor obtained outside the evidence (the system's roots or a root the verifier was configured with) proves that the chain
/// hash, and so the text and capture time it covers, existed at the authority's time. Nothing here proves what a server sent to
/// anyone but Snapshots.
/// </summary>
public sealed record EvidenceVerdict(EvidenceLevel Level, string Headline, string Reach)
{
    public const string Limits = "It shows what Snapshots received and when it says it received it; not what the server sent to others, nor that the page was lawful, current or complete.";

    public bool Passed => Level != EvidenceLevel.Mismatch;

    /// <summary><c>verify --bundle</c>'s exit code for a bundle whose check passed but proves no time or origin (<see cref="EvidenceLevel.IntegrityOnly"/>).</summary>
    public const int IntegrityOnlyExitCode = 3;

    /// <summary>
    /// The exit code of <c>verify --bundle</c> for this verdict: 1 for a mismatch, <see cref="IntegrityOnlyExitCode"/> (3) for
    /// integrity only, 0 when at least one version has a trusted time (every one or some; the report names how many). Distinct
    /// from 2, a usage or input error (a file that is not a bundle, a zip refused before reading).
    /// </summary>
    public int ExitCode => Level switch
    {
        EvidenceLevel.Mismatch => 1,
        EvidenceLevel.IntegrityOnly => IntegrityOnlyExitCode,
        _ => 0,
    };

    /// <param name="problems">Problems the check found.</param>
    /// <param name="versions">Versions checked.</param>
    /// <param name="tokensVerified">Versions whose timestamp token verified (imprint, signature, chain to an outside trust anchor, time).</param>
    public static EvidenceVerdict Of(int problems, int versions, int tokensVerified)
    {
        if (problems > 0)
            return new(EvidenceLevel.Mismatch, $"Not verified: {problems} problem{(problems == 1 ? "" : "s")} found.",
                "Nothing can be relied on until each problem named is explained.");
        if (versions > 0 && tokensVerified >= versions)
            return new(EvidenceLevel.Timestamped, "Verified with a trusted time: every hash and chain link matches, and every timestamp token verifies against a trust anchor from outside the evidence.",
                "Each version's chain hash, and so its text, raw capture and capture time, existed no later than the time its authority states. " + Limits);
        if (tokensVerified > 0)
            return new(EvidenceLevel.PartlyTimestamped, $"Verified, {tokensVerified} of {versions} versions with a trusted time: every hash and chain link matches; the versions without a token are integrity only.",
                "The timestamped versions existed no later than their authority's time; for the others nothing proves when they were captured. " + Limits);
        return new(EvidenceLevel.IntegrityOnly, "Integrity only: every hash and chain link matches, but there is no timestamp token or signed checkpoint, so nothing proves when or by whom this was made.",
            "Anyone who edits a text can recompute every hash and link; the capture times are Snapshots' own clock. " + Limits);
    }
}
