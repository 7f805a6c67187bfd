using Snapshots.Catalog;
using Snapshots.Subscribers;

namespace Snapshots.Cli.Commands;

/// <summary>
/// Who still follows documents about to be removed: subscribers who follow their platform whole, and those who follow one of
/// their provisions. Their follows are not touched by a removal: they stay (and count against the plan) until unfollowed,
/// and bring nothing more about the removed documents.
/// </summary>
internal sealed class RemovalFollowers
{
    private readonly List<string> _lines = [];
    private readonly HashSet<string> _subscribers = new(StringComparer.Ordinal);

    /// <summary>How many distinct subscribers follow what would be removed.</summary>
    public int Count => _subscribers.Count;

    /// <summary>Per platform (and per document with followed provisions) a line naming the subscribers, then one saying what happens to them.</summary>
    public IReadOnlyList<string> Describe() => _lines;

    public static async Task<RemovalFollowers> FindAsync(DocumentCatalog catalog, SubscriberDirectory directory, IReadOnlyList<DocumentId> removed, CancellationToken ct)
    {
        var result = new RemovalFollowers();
        foreach (var platform in removed.Select(d => d.Platform).Distinct(StringComparer.Ordinal))
        {
            var followers = await directory.FollowersAsync(platform, ct);
            var remaining = (await catalog.ListAsync(platform, ct)).Count(d => !removed.Contains(d.Id));
            var whole = followers.Where(f => f.Follows.Platforms.Contains(platform, StringComparer.Ordinal)).ToList();
            if (whole.Count > 0)
            {
                result._lines.Add($"{Subscribers(whole)} {(whole.Count == 1 ? "follows" : "follow")} {platform}: {Names(whole)}.");
                result._lines.Add("  " + (remaining == 0
                    ? $"No document of {platform} stays tracked, so {(whole.Count == 1 ? "it gets" : "they get")} no more alerts or digest entries about it; " +
                      $"the follow stays (and counts against the plan) until unfollowed (snapshots subscribers unfollow EMAIL {platform})."
                    : $"{(whole.Count == 1 ? "It gets" : "They get")} no more alerts about what is removed; the platform's {remaining} other document{(remaining == 1 ? " is" : "s are")} still watched for {(whole.Count == 1 ? "it" : "them")}."));
                foreach (var follower in whole) result._subscribers.Add(follower.SubscriberId);
            }
            foreach (var document in removed.Where(d => d.Platform == platform))
            {
                var provisions = followers.Where(f => f.Follows.Provisions.Any(p => p.Document == document)).ToList();
                if (provisions.Count == 0) continue;
                result._lines.Add($"{Subscribers(provisions)} {(provisions.Count == 1 ? "follows provisions" : "follow provisions")} of {document}: {Names(provisions)}.");
                result._lines.Add("  Those follows bring nothing more; they stay until unfollowed.");
                foreach (var follower in provisions) result._subscribers.Add(follower.SubscriberId);
            }
        }
        return result;
    }

    private static string Subscribers(IReadOnlyCollection<SubscriberRecord> followers) => followers.Count == 1 ? "1 subscriber" : $"{followers.Count} subscribers";

    /// <summary>The operator's own list, as <c>subscribers list</c> shows it: full addresses, the first ten.</summary>
    private static string Names(IReadOnlyCollection<SubscriberRecord> followers) =>
        string.Join(", ", followers.Select(f => f.Email).Take(10)) + (followers.Count > 10 ? $" and {followers.Count - 10} more" : "");
}
