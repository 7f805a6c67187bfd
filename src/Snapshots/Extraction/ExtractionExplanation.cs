namespace Snapshots.Extraction;

/// <summary>
/// Why parts of a page are not in a document's compared text: site chrome dropped by the built-in rules, elements the
/// declaration's <c>remove</c> took out, links whose per-request tokens were masked, and obfuscated e-mail addresses
/// written as the addresses they hide. What <c>diff --explain</c> shows.
/// </summary>
public sealed record ExtractionExplanation(
    IReadOnlyList<DroppedBlock> Chrome,
    IReadOnlyList<DroppedBlock> DeclaredRemovals,
    IReadOnlyList<MaskedLink> MaskedLinks,
    IReadOnlyList<DecodedPlaceholder> Placeholders)
{
    public static readonly ExtractionExplanation None = new([], [], [], []);
}

/// <summary>A link as it was in the page and as it is written in the text (token values masked).</summary>
public sealed record MaskedLink(string Original, string Written);

/// <summary>An obfuscated e-mail address as the page had it and as the text writes it (<see cref="EmailProtection"/>).</summary>
public sealed record DecodedPlaceholder(string Placeholder, string Written);
