using Snapshots.Changes;

namespace Snapshots.Provisions;

/// <summary>The carve-out type a match becomes when one of <see cref="Patterns"/> is in its sentence, at least as severe as <see cref="Severity"/>.</summary>
public sealed record ClauseException(string Becomes, IReadOnlyList<string> Patterns, SeverityLevel? Severity);
