namespace Snapshots.Web.Api;

/// <summary>A version's provisions: what a document page lists, as data.</summary>
public sealed record VersionProvisionsJson(string Document, long Sequence, DateTimeOffset CapturedAt, string TextSha256, string ChainHash, IReadOnlyList<ProvisionJson> Provisions);

/// <summary>
/// One provision of a version: its identity (id, slug), kind, headings, where its text is in the version's text (start and
/// length, in UTF-16 code units, as the version's text.md read as a string), the SHA-256 of its own text, the text quoted
/// with its context, its highest severity (null without a clause type) and its clause types.
/// </summary>
public sealed record ProvisionJson(string Id, string Slug, string Kind, IReadOnlyList<string> HeadingPath, int Start, int Length, string Sha256,
    string Text, string Quoted, string? Severity, IReadOnlyList<ClauseMatchJson> Types, string Url, string ApiUrl);

/// <summary>A clause type found in a provision: severity, confidence (explicit or inferred), guard (none, negated, carved-out) and the words that gave it.</summary>
public sealed record ClauseMatchJson(string TypeId, string Name, string Severity, string Confidence, string Guard, string? DerivedFrom, IReadOnlyList<MatchedWordsJson> Evidence);

/// <summary>
/// Words that gave a clause type; role is match, cue, negation or exception. Start and length are offsets into the provision's
/// text, or into its context range number <c>context</c> when that is not null.
/// </summary>
public sealed record MatchedWordsJson(string Words, string Role, int Start, int Length, int? Context);

/// <summary>One provision with its history: the latest version that has it, whether it was removed since, and every version that changed it.</summary>
public sealed record ProvisionDetailJson(string Document, ProvisionJson Provision, long Sequence, DateTimeOffset CapturedAt, string VersionSha256,
    string ChainHash, bool Removed, long? RemovedIn, string ChangedLine, IReadOnlyList<ProvisionChangeJson> Changes, string FeedUrl);

/// <summary>A version that changed the provision: kind (added, modified, split, merged, removed) and its text before (null when added) and after (null when removed).</summary>
public sealed record ProvisionChangeJson(long Sequence, DateTimeOffset CapturedAt, string Kind, bool Moved, bool Renumbered, string? Before, string? After,
    string? AfterSha256, string VersionUrl);

/// <summary>A clause type of the catalogue: what it is, the law it engages, its default severity.</summary>
public sealed record ClauseTypeJson(string Id, string Name, string WhatItIs, IReadOnlyList<string> Regulations, string Severity, string Url, string ApiUrl);

/// <summary>A clause type across platforms: every tracked platform, those whose latest documents have it, and those provisions.</summary>
public sealed record ClauseTypeAcrossJson(ClauseTypeJson Type, IReadOnlyList<string> Platforms, IReadOnlyList<string> PlatformsWith, IReadOnlyList<ClauseTypeProvisionJson> Provisions);

/// <summary>A provision of the type on one platform's document, in its latest version.</summary>
public sealed record ClauseTypeProvisionJson(string Platform, string PlatformName, string Document, string TermsType, long Sequence, ProvisionJson Provision);
