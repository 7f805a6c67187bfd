using Snapshots.Archive;
using Snapshots.Catalog;

namespace Snapshots.Tracking;

/// <summary>
/// What is known about one check of one document so far: the row it starts from, then whatever <see cref="CheckDecision"/>
/// asked for (pages or the fetch's failure, the extracted text or the extraction's failure, the known variants, the texts it
/// is compared with, the platform's texts), each null until gathered. A live check (<see cref="DocumentCapturer"/>) and a history import
/// (<see cref="HistoryImporter"/>) gather them; the decision itself does no I/O.
/// </summary>
/// <param name="DeclarationSha256">The declaration the pages are extracted with: the row's current one for a live check,
/// the one in force at the capture's time for an import.</param>
/// <param name="Live">A live check (validators, the raw fast path); false for an import.</param>
internal sealed record CheckFacts(DocumentRecord Document, DateTimeOffset CheckedAt, string DeclarationSha256, bool Live)
{
    /// <summary>Whether a change is compared with the platform's other documents for site chrome: live checks, and imports of a platform's documents together.</summary>
    public bool ComparesPlatform { get; init; } = Live;

    public IReadOnlyList<SourcePage>? Pages { get; init; }
    public string? FetchError { get; init; }
    public VersionCandidate? Candidate { get; init; }
    public string? ExtractionError { get; init; }
    public KnownVariants? Variants { get; init; }

    /// <summary>The texts the candidate is compared with, by text hash (<see cref="CheckVerdict.NeedsTexts"/>).</summary>
    public IReadOnlyDictionary<string, string>? Texts { get; init; }
    public PlatformTexts? Platform { get; init; }

    /// <summary>The raw hash of the pages (one source: its own; several: of their ordered hashes); null before they are fetched.</summary>
    public string? RawSha256 => Pages is null ? null : RawHash.Of(Pages.Select(p => p.Sha256).ToList());

    /// <summary>The pages are extracted with the declaration the current version was: the raw bytes alone can tell "unchanged".</summary>
    public bool SameDeclaration => Document.VersionCount > 0 && Document.CurrentDeclarationSha256 == DeclarationSha256;
}

/// <summary>The document's versions and its returns to known variants (observations), oldest first.</summary>
internal sealed record KnownVariants(IReadOnlyList<VersionRecord> Versions, IReadOnlyList<VariantObservation> Observations);

/// <summary>
/// The platform's texts for the site-chrome comparison (<see cref="PlatformChrome"/>): the text this document served last, and
/// for every other document of the platform the texts it had before (the text it served last; in an import also its previous
/// capture's) and its text now. <see cref="None"/> when there is nothing to compare with (no other document, one without a
/// version, one that could not be fetched or extracted now).
/// </summary>
internal sealed record PlatformTexts(string Served, IReadOnlyList<(IReadOnlyList<string> Before, string Now)> Siblings)
{
    public static readonly PlatformTexts None = new("", []);
}
