using Snapshots.Subscribers;

namespace Snapshots.Web.Subscriptions;

/// <summary>
/// The provisions and clause types a subscription form shows as checkboxes (<c>follow</c> fields, one follow word each), in
/// words a person reads with a link to each one's page; and the follow words of a link or a post, each read and checked on its
/// own so that the good ones are kept and the others named.
/// </summary>
public static class FollowChoices
{
    /// <param name="Word">The follow word the checkbox posts (<see cref="Follows.Parse"/>).</param>
    public sealed record Choice(string Word, string Name, string Detail, string Href, bool Checked);

    /// <summary>
    /// Each word read (<see cref="FollowWords"/>) and checked against what is tracked on its own: the follows that exist, and a
    /// refusal for each word that is malformed or names nothing (quoted only shortened, never as sent).
    /// </summary>
    public static async Task<(Follows Kept, IReadOnlyList<string> Refusals)> ReadEachAsync(IEnumerable<string?> words, SubscriberDirectory directory, CancellationToken ct)
    {
        var kept = Follows.None;
        var refusals = new List<string>();
        IReadOnlyList<string> given;
        try { given = FollowWords.Given(words); }
        catch (MalformedFollowException e) { return (kept, [e.Message]); }
        foreach (var word in given)
        {
            try
            {
                var one = FollowWords.ReadOne(word);
                await directory.EnsureExistAsync(one, ct);
                kept = kept.Plus(one);
            }
            catch (SubscriberRefusedException e)
            {
                refusals.Add(e.Message);
            }
        }
        return (kept, refusals);
    }

    /// <summary>The provisions and clause types of <paramref name="follows"/> as checkboxes (platforms have their own).</summary>
    public static async Task<IReadOnlyList<Choice>> OfAsync(Follows follows, Func<string, bool> isChecked, FollowDescriber describer, CancellationToken ct) =>
        (await describer.DescribeAsync(follows with { Platforms = [] }, ct))
            .Select(f => new Choice(f.Word, f.Name, f.Detail, f.Path, isChecked(f.Word)))
            .ToList();
}
