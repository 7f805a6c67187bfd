using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Fetching;

namespace Snapshots.Tracking;

/// <summary>
/// What <see cref="CheckDecision"/> makes of a check's facts: either the next fact it needs (<see cref="Need"/>), or the
/// outcome, with the change it makes to the document row (<see cref="Outcome.Row"/>; a new version's row change is made by
/// <see cref="VersionRecorder"/> once the version row exists).
/// </summary>
internal abstract record CheckVerdict
{
    /// <summary>A fact to gather before deciding.</summary>
    internal abstract record Need : CheckVerdict;

    /// <summary>Fetch the pages, sending these validators (null: fetch unconditionally).</summary>
    internal sealed record NeedsPages(ConditionalRequest? Validators) : Need;

    /// <summary>Extract the pages' text.</summary>
    internal sealed record NeedsText : Need;

    /// <summary>Read the document's versions and observations.</summary>
    internal sealed record NeedsVariants : Need;

    /// <summary>Read the texts of these versions (by text hash): the served one, and the latest when a variant is served.</summary>
    internal sealed record NeedsTexts(IReadOnlyList<string> Sha256s) : Need;

    /// <summary>Read the platform's texts (its other documents served and now) for the site-chrome comparison.</summary>
    internal sealed record NeedsPlatform(string ServedSha256) : Need;

    /// <summary>A decided check.</summary>
    internal abstract record Outcome : CheckVerdict
    {
        /// <summary>The change to the document row; null for a new version (made when it is recorded).</summary>
        public abstract Func<DocumentRecord, bool>? Row { get; }
    }

    /// <summary>The page could not be fetched or the document could not be extracted: nothing about the versions changes.</summary>
    internal sealed record Failed(string Reason, Func<DocumentRecord, bool> Change) : Outcome
    {
        public override Func<DocumentRecord, bool> Row => Change;
    }

    /// <summary>The served text was verified: HTTP 304, the same raw bytes, the same text, or one diff shows no change from.</summary>
    internal sealed record Unchanged(string Detail, Func<DocumentRecord, bool> Change) : Outcome
    {
        public override Func<DocumentRecord, bool> Row => Change;
    }

    /// <summary>The text is one the document was served within the variant window: observed, no version, no alert.</summary>
    internal sealed record ReturnedToVariant(VariantObservation Observation, Func<DocumentRecord, bool> Change) : Outcome
    {
        public override Func<DocumentRecord, bool> Row => Change;
    }

    /// <summary>Only site chrome changed, identically on every document of the platform: verified, no version, no alert.</summary>
    internal sealed record ChromeOnly(ChromeChange Chrome, Func<DocumentRecord, bool> Change) : Outcome
    {
        public override Func<DocumentRecord, bool> Row => Change;
    }

    /// <summary>A new text: record it as the next version (<see cref="DocumentRowChanges.PointedAt"/> with <see cref="Fetched"/>).</summary>
    internal sealed record NewVersion(VersionCandidate Candidate, DocumentRowChanges.Fetched? Fetched) : Outcome
    {
        public override Func<DocumentRecord, bool>? Row => null;
    }
}
