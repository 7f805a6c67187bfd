using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Snapshots.Changes;

/// <summary>
/// The reviewed topic list embedded from topics.json, with each topic's phrases compiled to one regex. The built-in
/// catalog compiles them once, when first needed: every command and function start used to compile them twice (about
/// 40 ms of CPU on a warm runtime), even for a check that found nothing changed and never classified a word (issue 15).
/// </summary>
public sealed partial class TopicCatalog
{
    private const string ResourceName = "Snapshots.Changes.topics.json";
    private static readonly Lazy<TopicCatalog> Embedded = new(LoadEmbedded);
    private readonly Dictionary<string, Topic> byId;
    private readonly Dictionary<string, int> rankById;
    private readonly Lazy<IReadOnlyList<Regex>> matchers;

    public TopicCatalog(IReadOnlyList<Topic> topics) : this(topics, null) { }

    private TopicCatalog(IReadOnlyList<Topic> topics, IReadOnlyList<Regex>? compiled)
    {
        Topics = topics;
        byId = topics.ToDictionary(t => t.Id, StringComparer.Ordinal);
        rankById = topics.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        matchers = compiled is null ? new(() => topics.Select(Matcher).ToArray()) : new(compiled);
    }

    public static TopicCatalog Default => Embedded.Value;

    /// <summary>Topics in report order.</summary>
    public IReadOnlyList<Topic> Topics { get; }

    /// <summary>One matcher per topic, same order as <see cref="Topics"/>.</summary>
    internal IReadOnlyList<Regex> Matchers => matchers.Value;

    private static RegexOptions Options => RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    public Topic? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>Order of a topic id in the catalog; unknown ids sort last.</summary>
    public int Rank(string id) => rankById.GetValueOrDefault(id, int.MaxValue);

    /// <summary>Reads the JSON form of topics.json; a malformed file or pattern fails here with the topic named.</summary>
    public static TopicCatalog Parse(string json) => Read(json, compilePatterns: true);

    /// <summary>
    /// Reads topics.json. With <paramref name="compilePatterns"/> every pattern is compiled now, so a bad one fails here;
    /// without, the patterns are compiled on first use (the embedded file, which a test parses with them compiled).
    /// </summary>
    private static TopicCatalog Read(string json, bool compilePatterns)
    {
        var file = JsonSerializer.Deserialize(json, TopicsJson.Default.TopicsFile)
            ?? throw new FormatException("topics.json is empty.");
        var topics = new List<Topic>();
        var compiled = new List<Regex>();
        foreach (var entry in file.Topics ?? [])
        {
            if (string.IsNullOrWhiteSpace(entry.Id) || string.IsNullOrWhiteSpace(entry.Label) || entry.Patterns is not { Count: > 0 })
                throw new FormatException($"topics.json: topic '{entry.Id}' needs an id, a label and at least one pattern.");
            var topic = new Topic(entry.Id, entry.Label, entry.Patterns);
            if (compilePatterns)
            {
                try
                {
                    compiled.Add(Matcher(topic));
                }
                catch (ArgumentException e)
                {
                    throw new FormatException($"topics.json: topic '{entry.Id}' has an invalid pattern: {e.Message}", e);
                }
            }
            topics.Add(topic);
        }
        if (topics.Select(t => t.Id).Distinct().Count() != topics.Count)
            throw new FormatException("topics.json: topic ids must be unique.");
        return new TopicCatalog(topics, compilePatterns ? compiled : null);
    }

    private static Regex Matcher(Topic topic) => new(Combine(topic), Options, TimeSpan.FromSeconds(1));

    /// <summary>Each pattern may neither start nor end inside a word; "{words:0-3}" is zero to three words.</summary>
    private static string Combine(Topic topic)
    {
        var alternatives = topic.Patterns.Select(p => "(?:" + WordsToken().Replace(p, m =>
            $"(?:[\\w'-]+ ){{{m.Groups[1].Value},{m.Groups[2].Value}}}") + ")");
        return @"(?<!\w)(?:" + string.Join('|', alternatives) + @")(?!\w)";
    }

    private static TopicCatalog LoadEmbedded() => Read(EmbeddedJson(), compilePatterns: false);

    /// <summary>The text of the topics.json built into this assembly.</summary>
    internal static string EmbeddedJson()
    {
        using var stream = typeof(TopicCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{words:(\d+)-(\d+)\}")]
    private static partial Regex WordsToken();

    private sealed record TopicsFile(List<TopicEntry>? Topics);

    private sealed record TopicEntry(string Id, string Label, List<string>? Patterns);

    /// <summary>topics.json's reader, generated at build time: every process reads the file (issue 25, a command's fixed cost).</summary>
    [JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
    [JsonSerializable(typeof(TopicsFile))]
    private sealed partial class TopicsJson : JsonSerializerContext;
}
