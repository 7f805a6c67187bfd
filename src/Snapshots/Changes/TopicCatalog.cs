using System.Text.Json;
using System.Text.RegularExpressions;

namespace Snapshots.Changes;

/// <summary>The reviewed topic list embedded from topics.json, with each topic's phrases compiled to one regex.</summary>
public sealed partial class TopicCatalog
{
    private const string ResourceName = "Snapshots.Changes.topics.json";
    private static readonly Lazy<TopicCatalog> Embedded = new(LoadEmbedded);
    private readonly Dictionary<string, Topic> byId;

    public TopicCatalog(IReadOnlyList<Topic> topics)
    {
        Topics = topics;
        byId = topics.ToDictionary(t => t.Id, StringComparer.Ordinal);
        Matchers = topics.Select(t => new Regex(Combine(t), Options, TimeSpan.FromSeconds(1))).ToArray();
    }

    public static TopicCatalog Default => Embedded.Value;

    /// <summary>Topics in report order.</summary>
    public IReadOnlyList<Topic> Topics { get; }

    /// <summary>One matcher per topic, same order as <see cref="Topics"/>.</summary>
    internal IReadOnlyList<Regex> Matchers { get; }

    private static RegexOptions Options => RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    public Topic? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>Order of a topic id in the catalog; unknown ids sort last.</summary>
    public int Rank(string id) => byId.TryGetValue(id, out var topic) ? Topics.ToList().IndexOf(topic) : int.MaxValue;

    /// <summary>Reads the JSON form of topics.json; a malformed file or pattern fails here with the topic named.</summary>
    public static TopicCatalog Parse(string json)
    {
        var file = JsonSerializer.Deserialize<TopicsFile>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new FormatException("topics.json is empty.");
        var topics = new List<Topic>();
        foreach (var entry in file.Topics ?? [])
        {
            if (string.IsNullOrWhiteSpace(entry.Id) || string.IsNullOrWhiteSpace(entry.Label) || entry.Patterns is not { Count: > 0 })
                throw new FormatException($"topics.json: topic '{entry.Id}' needs an id, a label and at least one pattern.");
            var topic = new Topic(entry.Id, entry.Label, entry.Patterns);
            try
            {
                _ = new Regex(Combine(topic), Options);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"topics.json: topic '{entry.Id}' has an invalid pattern: {e.Message}", e);
            }
            topics.Add(topic);
        }
        if (topics.Select(t => t.Id).Distinct().Count() != topics.Count)
            throw new FormatException("topics.json: topic ids must be unique.");
        return new TopicCatalog(topics);
    }

    /// <summary>Each pattern may neither start nor end inside a word; "{words:0-3}" is zero to three words.</summary>
    private static string Combine(Topic topic)
    {
        var alternatives = topic.Patterns.Select(p => "(?:" + WordsToken().Replace(p, m =>
            $"(?:[\\w'-]+ ){{{m.Groups[1].Value},{m.Groups[2].Value}}}") + ")");
        return @"(?<!\w)(?:" + string.Join('|', alternatives) + @")(?!\w)";
    }

    private static TopicCatalog LoadEmbedded()
    {
        using var stream = typeof(TopicCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    [GeneratedRegex(@"\{words:(\d+)-(\d+)\}")]
    private static partial Regex WordsToken();

    private sealed record TopicsFile(List<TopicEntry>? Topics);

    private sealed record TopicEntry(string Id, string Label, List<string>? Patterns);
}
