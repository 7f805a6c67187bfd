namespace Snapshots.Changes;

/// <summary>A governance topic from topics.json: a stable id, a label for people, and the phrases that flag it.</summary>
/// <param name="Label">Written as it reads mid-sentence, e.g. "AI training", "data retention".</param>
public sealed record Topic(string Id, string Label, IReadOnlyList<string> Patterns);
