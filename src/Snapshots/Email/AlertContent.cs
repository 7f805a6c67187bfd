using Snapshots.Catalog;
using Snapshots.Changes;

namespace Snapshots.Email;

/// <summary>
/// Everything an alert says, before rendering: the document, the new version's evidence and the comparison with the previous one.
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
    DocumentDiff Diff);
