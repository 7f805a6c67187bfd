using System.Text.Json.Serialization;

namespace Snapshots.Catalog;

/// <summary>One platform's declaration file: its name and the documents tracked for it.</summary>
public sealed record PlatformDeclaration(string Name, string Slug, IReadOnlyList<DocumentDeclaration> Documents, string SourceFile)
{
    /// <summary>How <see cref="Slug"/> was made from the name (see <see cref="PlatformId"/>).</summary>
    public PlatformId.Origin IdOrigin { get; init; } = PlatformId.Origin.Name;

    /// <summary>Documents left out because they use what Snapshots does not support (an OTA JavaScript filter), each naming file, document and field.</summary>
    public IReadOnlyList<DeclarationException> Skipped { get; init; } = [];

    /// <summary>Earlier declarations per terms type, from the <c>.history.json</c> beside the file, oldest first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DatedDeclaration>> Earlier { get; init; } = new Dictionary<string, IReadOnlyList<DatedDeclaration>>();
}

/// <summary>A declaration that was in force until <see cref="ValidUntil"/> (OTA's <c>validUntil</c>).</summary>
public sealed record DatedDeclaration(DateTimeOffset ValidUntil, DocumentDeclaration Declaration);

/// <summary>One tracked document: a terms type and the page(s) it is extracted from (several when combined).</summary>
public sealed record DocumentDeclaration(
    string PlatformName,
    string PlatformSlug,
    string TermsType,
    IReadOnlyList<SourceDeclaration> Sources,
    IReadOnlyList<IgnoreRule> Ignore)
{
    [JsonIgnore]
    public DocumentId Id => new(PlatformSlug, Slug.From(TermsType));

    /// <summary>Every URL this document is fetched from, in declaration order.</summary>
    [JsonIgnore]
    public IEnumerable<string> Urls => Sources.Select(source => source.Fetch);
}

/// <summary>
/// One source page: where to fetch it and which parts of it are the document. With <see cref="ExecuteClientScripts"/>
/// (OTA's <c>executeClientScripts</c>) the page is rendered by a headless browser and its rendered DOM is extracted.
/// </summary>
public sealed record SourceDeclaration(string Fetch, IReadOnlyList<ContentSelector> Select, IReadOnlyList<ContentSelector> Remove)
{
    /// <summary>Render the page in a browser before extracting (left out of the stored JSON when false, so fingerprints of static sources stay as they were).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ExecuteClientScripts { get; init; }

    /// <summary>
    /// A rendered page loads everything it asks for: images, media, fonts, known analytics and ad hosts and beacons are not
    /// blocked (they never carry the text, unless a page's script waits for one of them). Snapshots' own field, not OTA's;
    /// left out of the stored JSON when false.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool LoadAllResources { get; init; }

    [JsonIgnore]
    public Uri Url => new(Fetch);
}

/// <summary>A CSS selector or an Open Terms Archive range selector.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CssSelector), "css")]
[JsonDerivedType(typeof(RangeSelector), "range")]
public abstract record ContentSelector;

public sealed record CssSelector(string Css) : ContentSelector
{
    public override string ToString() => Css;
}

/// <summary>
/// OTA range selector: the content between a start and an end element; "Before" includes the element, "After" excludes it.
/// Exactly one start and one end are set.
/// </summary>
internal sealed record RangeSelector(string? StartBefore, string? StartAfter, string? EndBefore, string? EndAfter) : ContentSelector
{
    public override string ToString() =>
        $"{{{(StartBefore is null ? $"startAfter: {StartAfter}" : $"startBefore: {StartBefore}")}, {(EndBefore is null ? $"endAfter: {EndAfter}" : $"endBefore: {EndBefore}")}}}";
}

/// <summary>A declaration's rule that text matching <see cref="Pattern"/> (a regular expression over the normalized text) is not part of the document, and why.</summary>
public sealed record IgnoreRule(string Pattern, string Reason);
