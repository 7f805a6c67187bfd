namespace Snapshots.Provisions;

/// <summary>
/// Language that is of this clause type only after another sentence of the same text set the topic: "We may use your
/// chats to train our models. You can opt out in your settings." The second sentence is a training opt-out because the
/// first one is about training. A match of <see cref="Patterns"/> counts (inferred) when one of <see cref="Types"/> was
/// found elsewhere in the text, and the type's own patterns did not match.
/// </summary>
public sealed record ClauseFollowOn(IReadOnlyList<string> Types, IReadOnlyList<string> Patterns);
