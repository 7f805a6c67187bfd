using Snapshots.Changes;

namespace Snapshots.Provisions;

/// <summary>
/// One kind of clause from clause-types.json: what it is in plain words, the law it engages, how much it matters by
/// default, and the language that marks it (see <see cref="ClauseTypeCatalog"/> for the file and
/// <see cref="ClauseClassifier"/> for how the patterns are applied).
/// </summary>
/// <param name="Id">Stable kebab-case id, used in URLs and subscriptions ("training-opt-out-carve-out").</param>
/// <param name="Name">As a reader names it ("Training opt-out carve-out").</param>
/// <param name="WhatItIs">One or two plain sentences saying what such a clause does to the reader.</param>
/// <param name="Regulations">The provisions of law it engages ("GDPR Art. 6(1)(f)", "EU AI Act Art. 50").</param>
/// <param name="Severity">How much a provision of this type matters by default.</param>
/// <param name="Keywords">Lower-case word beginnings: the type is only looked for in texts holding one (a fast filter).</param>
/// <param name="Patterns">Regular expressions whose match is explicit language of this type.</param>
/// <param name="Cues">Weaker words: a match of only these makes the type inferred.</param>
/// <param name="NotWhen">In the same sentence as a match, these mean the match is about something else (no label).</param>
/// <param name="Negation">Present when a negation before the match in its clause turns the match off or into another type.</param>
/// <param name="Exception">Present when an exception in the same sentence turns the match into a carve-out type.</param>
/// <param name="FollowsOn">Present when words of this type count after another type set the topic in the same text.</param>
/// <param name="Positive">Test sentences that must be typed as this type.</param>
/// <param name="Negative">Test sentences that must not be.</param>
public sealed record ClauseType(
    string Id,
    string Name,
    string WhatItIs,
    IReadOnlyList<string> Regulations,
    SeverityLevel Severity,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Patterns,
    IReadOnlyList<string> Cues,
    IReadOnlyList<string> NotWhen,
    ClauseNegation? Negation,
    ClauseException? Exception,
    ClauseFollowOn? FollowsOn,
    IReadOnlyList<string> Positive,
    IReadOnlyList<string> Negative);
