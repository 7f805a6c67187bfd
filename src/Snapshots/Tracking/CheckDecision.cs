using Microsoft.Extensions.Options;
using Snapshots.Archive;
using Snapshots.Catalog;
using Snapshots.Changes;
using Snapshots.Fetching;

namespace Snapshots.Tracking;

/// <summary>
/// What a check of a document means, decided in one place and without I/O: from the document row and the facts gathered so
/// far (<see cref="CheckFacts"/>) either the next fact to gather or the outcome with its change to the row. In order:
/// a fetch or extraction that failed is a failed check; a 304, the same raw bytes under the same declaration, or the
/// served text again is unchanged; a text the document was served within <see cref="CaptureOptions.VariantWindow"/> is a
/// return to a known variant; a text <c>diff</c> shows no change from (<see cref="ChangeSummarizer.ShowsChange"/>: only a
/// heading's level, capitals or numbering differ) is unchanged, and when a variant is served, a text diff shows no change
/// from the latest version is a return to it, so every version's diff from its predecessor shows something; a change that
/// is only site chrome changed on every document of the platform is chrome only; anything else is a new version. Live
/// checks and history imports ask the same questions; an import has no validators and compares with the platform only
/// when the platform's documents are imported together.
/// </summary>
public sealed class CheckDecision(TopicClassifier topics, IOptions<CaptureOptions> options)
{
    private readonly ChangeSummarizer _diff = new(topics);

    internal CheckVerdict Decide(CheckFacts facts)
    {
        var document = facts.Document;
        if (facts.FetchError is { } fetchError) return Failed(facts, fetchError);
        if (facts.Pages is not { } pages)
            return new CheckVerdict.NeedsPages(facts.Live ? ValidatorsFor(document) ?? RenderRequest(document, facts.CheckedAt, options.Value) : null);

        var fetched = facts.Live ? Fetched(facts) : null;
        if (facts.Live && pages.All(p => p.Page.NotModified))
            return Verified(facts, pages is [{ Page.Revalidated: { } revalidated }] ? $"unchanged without rendering: {revalidated.Detail}" : "not modified (HTTP 304)",
                fetched! with { RawSha256 = document.LastRawSha256 });
        if (facts.Live && facts.SameDeclaration && facts.RawSha256 == document.LastRawSha256)
            return Verified(facts, "same raw bytes", fetched!);

        if (facts.ExtractionError is { } extractionError) return Failed(facts, extractionError);
        if (facts.Candidate is not { } candidate) return new CheckVerdict.NeedsText();

        // Text is compared whatever declaration extracted it: the same text is the same document (and a live check then takes
        // the declaration as the one the served text is extracted with, so the raw fast path and validators hold again).
        if (candidate.TextSha256 == ServedSha256(document) || candidate.TextSha256 == document.ChromeEquivalentSha256)
            return Verified(facts, "same text", fetched);

        if (document.VersionCount > 0 && options.Value.VariantWindow > TimeSpan.Zero)
        {
            if (facts.Variants is not { } variants) return new CheckVerdict.NeedsVariants();
            if (KnownVariant(document, variants, candidate) is { } observation)
                return new CheckVerdict.ReturnedToVariant(observation, DocumentRowChanges.Observed(observation, fetched));
        }

        // What diff does not show is not a version: compared with the served text, and with the latest version's when a
        // variant is served (the new version's diff is from the latest).
        if (ServedSha256(document) is { } served && document.CurrentSha256 is { } latest)
        {
            IReadOnlyList<string> compared = served == latest ? [served] : [served, latest];
            if (facts.Texts is not { } texts || !compared.All(texts.ContainsKey)) return new CheckVerdict.NeedsTexts(compared);
            if (!_diff.ShowsChange(texts[served], candidate.Text))
                return Verified(facts, "same text as diff shows it (only a heading's level, capitals or numbering differ)", fetched, equivalentSha256: candidate.TextSha256);
            if (served != latest && !_diff.ShowsChange(texts[latest], candidate.Text) && facts.Variants?.Versions is [.., var last] && last.Sequence == document.VersionCount)
            {
                var back = VariantObservation.Of(candidate.Document, last, last, candidate.CapturedAt, candidate.RawSha256, candidate.Origin);
                return new CheckVerdict.ReturnedToVariant(back, DocumentRowChanges.Observed(back, fetched));
            }
        }

        if (facts.ComparesPlatform && facts.SameDeclaration && ServedSha256(document) is { } servedSha)
        {
            if (facts.Platform is not { } platform) return new CheckVerdict.NeedsPlatform(servedSha);
            if (platform.Siblings.Count > 0 && PlatformChrome.OnlyChrome(platform.Served, candidate.Text, platform.Siblings, topics) is { } chrome)
                return new CheckVerdict.ChromeOnly(chrome, fetched is null ? _ => false : DocumentRowChanges.Verified(facts.CheckedAt, fetched, facts.DeclarationSha256, candidate.TextSha256));
        }

        return new CheckVerdict.NewVersion(candidate, fetched);
    }

    /// <summary>
    /// The validators a check of this document sends: those of its last fetch, while the current version was extracted with
    /// the declaration in force, from one static page, and no raw blob waits to be restored (that fetch must return the bytes).
    /// </summary>
    internal static ConditionalRequest? ValidatorsFor(DocumentRecord document)
    {
        if (!ExtractedAsCurrent(document)) return null;
        var sources = document.Declaration().Sources;
        if (sources.Count != 1 || sources[0].ExecuteClientScripts) return null;
        var validators = new ConditionalRequest(document.LastETag, document.LastModifiedHeader);
        return validators.IsEmpty ? null : validators;
    }

    /// <summary>
    /// What a single rendered page's check revalidates before rendering: its last render's inputs, while the served text was
    /// extracted with the declaration in force from that render, no raw blob waits to be restored, and neither
    /// <see cref="CaptureOptions.FullRenderEveryChecks"/> nor <see cref="CaptureOptions.FullRenderAfter"/> asks for a full render.
    /// </summary>
    internal static ConditionalRequest? RenderedFrom(DocumentRecord document, DateTimeOffset now, CaptureOptions options)
    {
        if (!ExtractedAsCurrent(document)) return null;
        var sources = document.Declaration().Sources;
        if (sources is not [{ ExecuteClientScripts: true } source]) return null;
        if (RenderInputs.FromRowValue(document.RenderInputsJson) is not { } inputs || inputs.Inputs[0].Url.AbsoluteUri != source.Url.AbsoluteUri) return null;
        if (inputs.ChecksSince >= options.FullRenderEveryChecks || now - inputs.RenderedAt >= options.FullRenderAfter) return null;
        return new ConditionalRequest(null, null, inputs);
    }

    /// <summary>
    /// What a check of a single rendered page asks of the browser: revalidate its last render's inputs before rendering
    /// (<see cref="RenderedFrom"/>), and take no screenshot of a DOM whose bytes this decision would call unchanged
    /// (<see cref="VerifiedDom"/>).
    /// </summary>
    internal static ConditionalRequest? RenderRequest(DocumentRecord document, DateTimeOffset now, CaptureOptions options)
    {
        var revalidate = RenderedFrom(document, now, options);
        return VerifiedDom(document) is { } verified ? (revalidate ?? new ConditionalRequest(null, null)) with { VerifiedSha256 = verified } : revalidate;
    }

    /// <summary>
    /// The SHA-256 of the DOM the last check of a single rendered page verified, while the same bytes are "same raw bytes" to
    /// <see cref="Decide"/>: the declaration in force is the current version's, and no raw blob waits to be restored.
    /// </summary>
    private static string? VerifiedDom(DocumentRecord document) =>
        ExtractedAsCurrent(document) && document.LastRawSha256 is { } raw && document.Declaration().Sources is [{ ExecuteClientScripts: true }] ? raw : null;

    /// <summary>
    /// The pages are extracted with the declaration the current version was, and no raw blob waits to be restored: what the
    /// last check fetched (its validators, its render's inputs, its raw bytes) still speaks for the text.
    /// </summary>
    private static bool ExtractedAsCurrent(DocumentRecord document) =>
        document.VersionCount > 0 && document.CurrentDeclarationSha256 == document.DeclarationSha256 && document.MissingRawSha256 is null;

    /// <summary>The text the page served last: the current version's, or a known variant it came back to.</summary>
    internal static string? ServedSha256(DocumentRecord document) => document.ServedSha256 ?? document.CurrentSha256;

    /// <summary>
    /// The observation the candidate would be, or null when it is a new text. The latest version's text coming back is always a
    /// return, whenever it was last served; any other version's only within the window. None while the ledger is ahead of the
    /// row (a crash after the insert): recording repairs the row first.
    /// </summary>
    internal VariantObservation? KnownVariant(DocumentRecord document, KnownVariants known, VersionCandidate candidate)
    {
        var versions = known.Versions;
        if (versions.Count == 0 || versions[^1].Sequence != document.VersionCount || options.Value.VariantWindow <= TimeSpan.Zero) return null;
        var latest = versions[^1];
        var match = candidate.TextSha256 == latest.TextSha256
            ? latest
            : new VariantTimeline(versions, known.Observations).KnownVariant(candidate.TextSha256, candidate.CapturedAt, options.Value.VariantWindow);
        return match is null ? null : VariantObservation.Of(candidate.Document, match, latest, candidate.CapturedAt, candidate.RawSha256, candidate.Origin);
    }

    private static DocumentRowChanges.Fetched Fetched(CheckFacts facts)
    {
        var last = facts.Pages![^1].Page;
        var inputs = facts.Pages.Count == 1 ? last.Inputs?.ToRowValue() : null;
        return new DocumentRowChanges.Fetched(facts.RawSha256, last.ETag, last.LastModified, last.NotModified, facts.Document.MissingRawSha256 is not null, inputs);
    }

    private static CheckVerdict.Failed Failed(CheckFacts facts, string reason)
    {
        var error = Text.VisibleText.Bounded(reason, MaxErrorLength);
        return new CheckVerdict.Failed(error, DocumentRowChanges.Failed(facts.CheckedAt, error, facts.Live && facts.Pages is not null ? Fetched(facts) : null));
    }

    private static CheckVerdict.Unchanged Verified(CheckFacts facts, string detail, DocumentRowChanges.Fetched? fetched, string? equivalentSha256 = null) =>
        new(detail, fetched is null ? _ => false : DocumentRowChanges.Verified(facts.CheckedAt, fetched, facts.DeclarationSha256, equivalentSha256));

    /// <summary>Longest last error kept on a document row.</summary>
    public const int MaxErrorLength = 1000;
}
