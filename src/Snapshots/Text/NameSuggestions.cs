using F23.StringSimilarity;

namespace Snapshots.Text;

/// <summary>
/// "Did you mean …": the known names closest to a mistyped one (document ids, platform slugs, commands). A name is offered
/// when its edit distance (optimal string alignment, so two swapped letters are one edit) is at most a third of the shorter
/// length (at least 1), or when the typed text begins it (3 characters or more); an id of several parts (<c>platform/terms-type</c>)
/// when each typed part is such a match of the known part. Closest first, then in ordinal order.
/// </summary>
public static class NameSuggestions
{
    public const int MaxSuggestions = 3;

    private static readonly OptimalStringAlignment Distance = new();

    public static IReadOnlyList<string> Closest(string typed, IEnumerable<string> known, int max = MaxSuggestions)
    {
        var text = typed.Trim().ToLowerInvariant();
        if (text.Length == 0) return [];
        return known.Distinct(StringComparer.Ordinal)
            .Select(name => (Name: name, Score: Score(text, name.ToLowerInvariant())))
            .Where(candidate => candidate.Score is not null)
            .OrderBy(candidate => candidate.Score).ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(candidate => candidate.Name)
            .ToList();
    }

    /// <summary>"did you mean 'a'?" / "did you mean 'a', 'b' or 'c'?", or "" when there is nothing to offer.</summary>
    public static string DidYouMean(IReadOnlyList<string> suggestions) => suggestions.Count switch
    {
        0 => "",
        1 => $"did you mean '{suggestions[0]}'?",
        _ => $"did you mean {string.Join(", ", suggestions.SkipLast(1).Select(s => $"'{s}'"))} or '{suggestions[^1]}'?",
    };

    /// <summary>The distance of a name worth offering, or null when it is not close.</summary>
    private static double? Score(string typed, string name)
    {
        var distance = Distance.Distance(typed, name);
        var typedParts = typed.Split('/');
        var parts = name.Split('/');
        // An id is close when each of its parts is: "google/privacy-policy" is not "openai/privacy-policy".
        if (typedParts.Length > 1 && typedParts.Length == parts.Length)
            return typedParts.Zip(parts).All(pair => Close(pair.First, pair.Second, Distance.Distance(pair.First, pair.Second))) ? distance : null;
        return Close(typed, name, distance) ? distance : null;
    }

    private static bool Close(string typed, string name, double distance) =>
        distance <= Math.Max(1, Math.Min(typed.Length, name.Length) / 3)
        || (typed.Length >= 3 && name.StartsWith(typed, StringComparison.Ordinal));
}
