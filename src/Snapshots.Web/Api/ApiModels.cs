namespace Snapshots.Web.Api;

/// <summary>A tracked platform.</summary>
public sealed record PlatformJson(string Slug, string Name, int Documents, DateTimeOffset? LastChangedAt, string Url, string ApiUrl);

/// <summary>A platform with its documents.</summary>
public sealed record PlatformDetailJson(string Slug, string Name, IReadOnlyList<DocumentJson> Documents);

/// <summary>A tracked document and the state of its checks.</summary>
public sealed record DocumentJson(string Id, string Platform, string PlatformName, string TermsType, IReadOnlyList<string> SourceUrls, long Versions,
    DateTimeOffset? LastCheckedAt, DateTimeOffset? LastChangedAt, int ConsecutiveFailures, DateTimeOffset? FailingSince, string? LastError, string Url, string ApiUrl);

/// <summary>A document with every recorded version, oldest first.</summary>
public sealed record DocumentDetailJson(DocumentJson Document, IReadOnlyList<VersionJson> Versions);

/// <summary>One version in a list: when, its hash, and what changed.</summary>
public sealed record VersionJson(long Sequence, DateTimeOffset CapturedAt, string TextSha256, string ChainHash, string Summary, IReadOnlyList<string> Topics, string Url, string ApiUrl);

/// <summary>One version's evidence: what a version page shows, as data.</summary>
public sealed record VersionEvidenceJson(string Document, long Sequence, DateTimeOffset CapturedAt, string SourceUrl, string TextSha256, string RawSha256,
    string ChainHash, string PreviousChainHash, string? PreviousTextSha256, string Origin, string Summary, IReadOnlyList<string> Topics,
    IReadOnlyList<RawSourceJson> RawSources, string TextUrl, string PageUrl, string Citation);

/// <summary>One fetched source of a version and where to download its raw bytes.</summary>
public sealed record RawSourceJson(string Url, string MediaType, string Sha256, string DownloadUrl);

/// <summary>The comparison of two versions: section summary and word-level segments.</summary>
public sealed record DiffJson(string Document, long From, long To, string Summary, int WordsAdded, int WordsRemoved, IReadOnlyList<string> Topics, IReadOnlyList<SectionDiffJson> Sections);

/// <summary>A changed section: kind (added, removed, modified, renamed, moved), heading, and its changed paragraphs.</summary>
public sealed record SectionDiffJson(string Kind, string Title, string? PreviousTitle, int WordsAdded, int WordsRemoved, IReadOnlyList<string> Topics,
    IReadOnlyList<IReadOnlyList<SegmentJson>> Paragraphs);

/// <summary>A run of text: kind is same, ins or del.</summary>
public sealed record SegmentJson(string Kind, string Text);
