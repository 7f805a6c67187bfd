using Snapshots.Provisions;

namespace Snapshots.Subscribers;

/// <summary>A subscriber change refused as asked: nothing was written. The message says what and why.</summary>
public abstract class SubscriberRefusedException(string message) : Exception(message);

/// <summary>Not an email address. The message quotes what was given: it is the operator's own input, shown back to them.</summary>
internal sealed class InvalidEmailAddressException(string text, string problem)
    : SubscriberRefusedException($"'{text}' is not a valid email address: {problem}")
{
    public string Text { get; } = text;
}

internal sealed class UnknownPlatformException(IReadOnlyList<string> platforms, IReadOnlyCollection<string> known)
    : SubscriberRefusedException(
        $"unknown platform{(platforms.Count == 1 ? "" : "s")} {string.Join(", ", platforms.Select(p => $"'{p}'"))}: not in the documents catalog. " +
        (known.Count == 0 ? "No platform is tracked yet: import declarations first (snapshots documents import declarations/)."
                          : Suggest(platforms, known) +
                            $"Tracked platforms: {string.Join(", ", known.Order(StringComparer.Ordinal).Take(30))}{(known.Count > 30 ? ", ..." : "")}."))
{
    public IReadOnlyList<string> Platforms { get; } = platforms;

    /// <summary>"For 'mistrl-ai' did you mean 'mistral-ai'? " for each unknown platform with a close tracked one.</summary>
    private static string Suggest(IReadOnlyList<string> platforms, IReadOnlyCollection<string> known) =>
        string.Concat(platforms.Select(p => (Platform: p, Close: Text.NameSuggestions.Closest(p, known)))
            .Where(s => s.Close.Count > 0)
            .Select(s => $"For '{s.Platform}' {Text.NameSuggestions.DidYouMean(s.Close)} "));
}

/// <summary>Following more platforms than the plan allows, e.g. "the watcher plan follows at most 10 platforms; 12 given".</summary>
public sealed class PlanLimitException(Plan plan, int requested, string message) : SubscriberRefusedException(message)
{
    public Plan Plan { get; } = plan;
    public int Requested { get; } = requested;

    /// <summary>"the watcher plan follows at most 10 platforms; 12 given".</summary>
    public static string Limit(Plan plan) => $"the {plan.Name} plan follows at most {plan.MaxPlatforms} platform{(plan.MaxPlatforms == 1 ? "" : "s")}";

    public static PlanLimitException Given(Plan plan, int requested) => new(plan, requested, $"{Limit(plan)}; {requested} given");

    public static PlanLimitException Following(EmailAddress address, Plan plan, int following, int adding) =>
        new(plan, following + adding, $"{Limit(plan)}; {address.Masked} follows {following} and {adding} more would make {following + adding}");

    /// <summary>
    /// Over the limit counting a provision as its platform; names what is counted: "the free plan follows at most 1 platform;
    /// this counts 2: example-ai, mistral-ai (for its provision terms-of-service/governing-law)".
    /// </summary>
    public static PlanLimitException Counted(Plan plan, Follows follows)
    {
        var counted = follows.CountedPlatforms;
        var named = counted.Select(platform => follows.Platforms.Contains(platform, StringComparer.Ordinal) ? platform
            : $"{platform} (for its provision{(follows.Provisions.Count(p => p.Document.Platform == platform) == 1 ? "" : "s")} " +
              $"{string.Join(", ", follows.Provisions.Where(p => p.Document.Platform == platform).Select(p => $"{p.Document.TermsType}/{p.Slug}"))})");
        return new(plan, counted.Count, $"{Limit(plan)}; this counts {counted.Count}: {string.Join(", ", named)}");
    }

    public static PlanLimitException Downgrade(EmailAddress address, Plan plan, IReadOnlyList<string> following) =>
        new(plan, following.Count, $"cannot move {address.Masked} to the {plan.Name} plan: {Limit(plan)} and this subscriber follows {following.Count} " +
                                   $"({string.Join(", ", following)}); unfollow {following.Count - plan.MaxPlatforms} first");
}

internal sealed class DuplicateSubscriberException(EmailAddress address)
    : SubscriberRefusedException($"{address.Masked} is already a subscriber (id {address.Id[..12]}...): change it with follow, unfollow or set-plan")
{
    public string SubscriberId { get; } = address.Id;
}

internal sealed class UnknownSubscriberException(string who)
    : SubscriberRefusedException($"no subscriber {who}: see snapshots subscribers list")
{
    public string Who { get; } = who;
}

/// <summary>A subscriber CSV with bad rows: every problem is listed by line number and nothing was imported.</summary>
internal sealed class SubscriberImportException(string path, IReadOnlyList<string> problems)
    : SubscriberRefusedException($"{path}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}, nothing imported:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}")
{
    public string Path { get; } = path;
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>A sign-up that follows nothing.</summary>
internal sealed class NoPlatformChosenException() : SubscriberRefusedException("choose at least one platform or provision to follow");

/// <summary>A follow word that is no follow (see <see cref="FollowWords"/>): the message quotes it only shortened, or not at all.</summary>
public sealed class MalformedFollowException(string message) : SubscriberRefusedException(message);

/// <summary>
/// Clause types with no platform followed whole: a clause type narrows those platforms to changes of its provisions, so alone
/// it would tell nothing.
/// </summary>
public sealed class ClauseTypeWithoutPlatformException(IReadOnlyList<string> types)
    : SubscriberRefusedException(
        $"{(types.Count == 1 ? "the clause type" : "the clause types")} {string.Join(", ", types.Select(t => $"'{ClauseTypeCatalog.Default.NameOf(t)}'"))} " +
        $"{(types.Count == 1 ? "tells" : "tell")} you of changes to {(types.Count == 1 ? "its" : "their")} provisions on the platforms you follow whole: choose at least one platform to follow with {(types.Count == 1 ? "it" : "them")}")
{
    public IReadOnlyList<string> Types { get; } = types;
}

/// <summary>A follow names a document, provision or clause type that does not exist.</summary>
internal sealed class UnknownFollowException(string message) : SubscriberRefusedException(message);
