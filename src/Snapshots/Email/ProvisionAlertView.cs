namespace Snapshots.Email;

/// <summary>The template model of a provision alert (<c>provision-alert.*.liquid</c>).</summary>
internal sealed record ProvisionAlertView(string Subject, string Heading, string Severity, IReadOnlyList<ProvisionChangeView> Provisions, EvidenceView Evidence);

/// <summary>
/// One changed provision: what it is, what happened, its clause types now (those it gained marked "new") and those it lost
/// (empty when none), its words before and after, and the word-level change.
/// </summary>
internal sealed record ProvisionChangeView(string Name, string Verb, string Slug, string Headings, string Types, string LostTypes, string Severity,
    string? Before, string? After, IReadOnlyList<SegmentView> Segments, string? PageUrl, string ProvisionSha256);
