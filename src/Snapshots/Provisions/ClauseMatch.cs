using Snapshots.Changes;

namespace Snapshots.Provisions;

/// <summary>
/// A clause type found in a text, with its evidence: every label comes with the words that gave it.
/// </summary>
/// <param name="TypeId">The <see cref="ClauseType.Id"/>.</param>
/// <param name="Severity">The type's default, raised where the catalogue raises it for a carve-out.</param>
/// <param name="Confidence">Explicit when a pattern matched the words themselves.</param>
/// <param name="Guard">Whether a negation or an exception made this type out of another's match.</param>
/// <param name="DerivedFrom">The type whose language matched when <see cref="Guard"/> is not None.</param>
/// <param name="Evidence">The matched words, in text order.</param>
public sealed record ClauseMatch(
    string TypeId,
    SeverityLevel Severity,
    ClauseConfidence Confidence,
    ClauseGuard Guard,
    string? DerivedFrom,
    IReadOnlyList<MatchedWords> Evidence);
