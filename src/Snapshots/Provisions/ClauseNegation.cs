namespace Snapshots.Provisions;

/// <summary>What a negated match of a clause type becomes: another type (<see cref="Becomes"/>), or nothing when null.</summary>
/// <param name="Patterns">Negation cues of this type beyond the catalogue's shared ones.</param>
public sealed record ClauseNegation(string? Becomes, IReadOnlyList<string> Patterns);
