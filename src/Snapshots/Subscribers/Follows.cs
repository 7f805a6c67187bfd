using Snapshots.Catalog;

namespace Snapshots.Subscribers;

/// <summary>
/// What a subscriber follows: whole platforms; single provisions (<c>platform/terms-type/slug</c>), each counting against
/// the plan's platform limit as its platform does; and clause types (<c>type:ID</c>), which narrow the platforms followed
/// whole to changes of provisions of those types. As typed on the command line or in a form, one follow per word.
/// </summary>
public sealed record Follows(IReadOnlyList<string> Platforms, IReadOnlyList<FollowedProvision> Provisions, IReadOnlyList<string> ClauseTypes)
{
    public const string TypePrefix = "type:";

    public static readonly Follows None = new([], [], []);

    /// <summary>The platforms the plan counts: those followed whole and those of followed provisions.</summary>
    public IReadOnlyList<string> CountedPlatforms =>
        Platforms.Concat(Provisions.Select(p => p.Document.Platform)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public bool IsEmpty => Platforms.Count == 0 && Provisions.Count == 0;

    /// <summary>Follows as typed: <c>mistral-ai</c>, <c>mistral-ai/commercial-terms/labs-models-training</c>, <c>type:training-opt-out</c>.</summary>
    public static Follows Parse(IEnumerable<string> words)
    {
        var platforms = new List<string>();
        var provisions = new List<FollowedProvision>();
        var types = new List<string>();
        foreach (var word in words.SelectMany(w => w.Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(w => w.ToLowerInvariant()))
        {
            if (word.StartsWith(TypePrefix, StringComparison.Ordinal)) types.Add(Checked(word[TypePrefix.Length..], word));
            else if (word.Contains('/')) provisions.Add(FollowedProvision.Parse(word));
            else platforms.Add(Checked(word, word));
        }
        return new Follows(Distinct(platforms), provisions.DistinctBy(p => p.ToString()).OrderBy(p => p.ToString(), StringComparer.Ordinal).ToList(), Distinct(types));
    }

    /// <summary>Read from a profile's stored fields.</summary>
    public static Follows Of(SubscriberRecord profile) => Read(profile.Platforms, profile.Provisions, profile.ClauseTypes);

    /// <summary>What a sign-up not confirmed yet asks to follow (<see cref="SubscriberRecord.PendingPlatforms"/> and the fields beside it).</summary>
    public static Follows PendingOf(SubscriberRecord profile) => Read(profile.PendingPlatforms, profile.PendingProvisions, profile.PendingClauseTypes);

    /// <summary>
    /// Clause types that narrow nothing: a clause type narrows the platforms followed whole, so with none it would tell nothing.
    /// </summary>
    public IReadOnlyList<string> ClauseTypesWithoutPlatform => Platforms.Count == 0 ? ClauseTypes : [];

    public Follows Plus(Follows more) => new(Distinct(Platforms.Concat(more.Platforms)),
        Provisions.Concat(more.Provisions).DistinctBy(p => p.ToString()).OrderBy(p => p.ToString(), StringComparer.Ordinal).ToList(), Distinct(ClauseTypes.Concat(more.ClauseTypes)));

    public Follows Minus(Follows less) => new(Platforms.Except(less.Platforms, StringComparer.Ordinal).ToList(),
        Provisions.Where(p => !less.Provisions.Any(l => l.ToString() == p.ToString())).ToList(), ClauseTypes.Except(less.ClauseTypes, StringComparer.Ordinal).ToList());

    /// <summary>Writes the follows into a profile's stored fields.</summary>
    public void WriteTo(SubscriberRecord profile)
    {
        profile.Platforms = string.Join(' ', Platforms);
        profile.Provisions = Provisions.Count == 0 ? null : string.Join(' ', Provisions);
        profile.ClauseTypes = ClauseTypes.Count == 0 ? null : string.Join(' ', ClauseTypes);
    }

    /// <summary>Writes the follows into a profile's pending fields: what its sign-up will follow once confirmed.</summary>
    public void WritePendingTo(SubscriberRecord profile)
    {
        profile.PendingPlatforms = string.Join(' ', Platforms);
        profile.PendingProvisions = Provisions.Count == 0 ? null : string.Join(' ', Provisions);
        profile.PendingClauseTypes = ClauseTypes.Count == 0 ? null : string.Join(' ', ClauseTypes);
    }

    /// <summary>Every follow, one word each, as <see cref="Parse"/> reads them.</summary>
    public IEnumerable<string> Words() => Platforms.Concat(Provisions.Select(p => p.ToString())).Concat(ClauseTypes.Select(t => TypePrefix + t));

    public override string ToString() => IsEmpty && ClauseTypes.Count == 0 ? "nothing" : string.Join(", ", Words());

    private static Follows Read(string? platforms, string? provisions, string? clauseTypes) =>
        Parse([platforms ?? "", provisions ?? "", string.Join(' ', (clauseTypes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => TypePrefix + t))]);

    private static List<string> Distinct(IEnumerable<string> words) => words.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static string Checked(string slug, string word) =>
        Slug.IsValid(slug) ? slug : throw new FormatException($"'{word}' is not a platform slug, a provision (platform/terms-type/slug) or a clause type ({TypePrefix}ID)");
}

/// <summary>One followed provision: its document and its slug (a provision keeps its slug for life, and no other gets it).</summary>
public sealed record FollowedProvision(DocumentId Document, string Slug)
{
    public override string ToString() => $"{Document}/{Slug}";

    public static FollowedProvision Parse(string word)
    {
        var parts = word.Split('/');
        if (parts.Length != 3 || !Catalog.Slug.IsValid(parts[0]) || !Catalog.Slug.IsValid(parts[1]) || !Catalog.Slug.IsValid(parts[2]))
            throw new FormatException($"'{word}' is not a provision: write platform/terms-type/slug, e.g. mistral-ai/commercial-terms/labs-models-training-opt-out");
        return new FollowedProvision(new DocumentId(parts[0], parts[1]), parts[2]);
    }
}
