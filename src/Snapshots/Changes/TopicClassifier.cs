using System.Text.RegularExpressions;

namespace Snapshots.Changes;

/// <summary>Flags governance topics in changed text using the phrases of a <see cref="TopicCatalog"/>.</summary>
public sealed partial class TopicClassifier(TopicCatalog catalog)
{
    public static TopicClassifier Default { get; } = new(TopicCatalog.Default);

    public TopicCatalog Catalog => catalog;

    /// <summary>Ids of the topics whose phrases occur in the text, in catalog order.</summary>
    public IReadOnlyList<string> Classify(string text) => Classify([text]);

    /// <summary>Ids of the topics whose phrases occur in any of the texts, in catalog order.</summary>
    public IReadOnlyList<string> Classify(IEnumerable<string> texts)
    {
        var prepared = texts.Select(Prepare).Where(t => t.Length > 0).ToList();
        var found = new List<string>();
        for (var i = 0; i < catalog.Topics.Count; i++)
        {
            var matcher = catalog.Matchers[i];
            if (prepared.Any(text => Matches(matcher, text))) found.Add(catalog.Topics[i].Id);
        }
        return found;
    }

    /// <summary>
    /// A phrase search that runs out of time (a pathological text, or a machine under heavy load) flags nothing
    /// rather than failing the capture: topic flags describe a change, they never decide whether one is recorded.
    /// </summary>
    private static bool Matches(Regex matcher, string text)
    {
        try { return matcher.IsMatch(text); }
        catch (RegexMatchTimeoutException) { return false; }
    }

    /// <summary>Orders ids as the catalog does, without duplicates.</summary>
    public IReadOnlyList<string> Order(IEnumerable<string> topicIds) =>
        topicIds.Distinct().OrderBy(catalog.Rank).ThenBy(id => id, StringComparer.Ordinal).ToList();

    /// <summary>"changed: AI training, data retention"; empty when there is no topic.</summary>
    public string SubjectFragment(IEnumerable<string> topicIds)
    {
        var labels = Order(topicIds).Select(id => catalog.Find(id)?.Label ?? id).ToList();
        return labels.Count == 0 ? "" : "changed: " + string.Join(", ", labels);
    }

    /// <summary>Collapses whitespace, straightens apostrophes and drops Markdown link targets and emphasis.</summary>
    private static string Prepare(string text)
    {
        var plain = LinkTarget().Replace(text, "$1");
        plain = plain.Replace('’', '\'').Replace('‘', '\'').Replace("**", "").Replace("__", "");
        return Whitespace().Replace(plain, " ").Trim();
    }

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
