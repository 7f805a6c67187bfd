namespace Snapshots.Provisions;

/// <summary>What a negated match of a clause type becomes: another type (<see cref="Becomes"/>), or nothing when null.</summary>
/// <param name="Patterns">Negation cues of this type beyond the catalogue's shared ones.</param>
/// <param name="NotNegations">
/// Phrases holding a cue that deny something else than this type's words, beyond the catalogue's shared ones: in "you cannot
/// opt out of the use of your chats for training", "cannot" denies the opt-out, not the training.
/// </param>
public sealed record ClauseNegation(string? Becomes, IReadOnlyList<string> Patterns, IReadOnlyList<string> NotNegations);
