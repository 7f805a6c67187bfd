using Snapshots.Changes;

namespace Snapshots.Email;

/// <summary>
/// Everything an alert says, before rendering: the document, the new version's evidence and the comparison with the previous one.
/// <see cref="VersionPage"/> is the version's permanent page on the public site, when one is known.
/// Titles and text inside <see cref="Diff"/> are scraped and untrusted; the templates encode them.
/// </summary>
public sealed record AlertContent(
    string PlatformName,
    string TermsType,
    string DocumentId,
    string SourceUrl,
    DateTimeOffset CapturedAt,
    long Sequence,
    string? PreviousSha256,
    string Sha256,
    string CiteLine,
    DocumentDiff Diff,
    Uri? VersionPage = null);
