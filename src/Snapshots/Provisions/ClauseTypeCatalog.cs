using System.Text.Json;
using System.Text.RegularExpressions;
using Snapshots.Catalog;
using Snapshots.Changes;

namespace Snapshots.Provisions;

/// <summary>
/// The reviewed clause types embedded from clause-types.json, with their patterns compiled. The file holds:
/// <list type="bullet">
/// <item><c>macros</c>: named regular-expression fragments a pattern uses as <c>{name}</c>; <c>{words:0-3}</c> is zero
/// to three whole words, each followed by a space; <c>{span:0-80}</c> is up to 80 characters within the sentence (no
/// '.', ';', '!', '?' or table separator), as few as will do;</item>
/// <item><c>negationCues</c>, <c>notNegations</c> (phrases holding a cue that negate nothing, "not limited to"),
/// <c>conditionCues</c> (a negation after "if" or "unless" is a condition, not a denial), <c>negationExceptions</c> (a
/// negation followed by "except" says when the thing happens) and <c>clauseBoundaries</c> (where a negation stops
/// reaching: "but", ";"), shared by every type;</item>
/// <item><c>clauseTypes</c>: the types, each with <c>id</c>, <c>name</c>, <c>whatItIs</c>, <c>regulations</c>,
/// <c>severity</c>, <c>keywords</c> (word beginnings, lower case: a type is only looked for in the sentences that hold one,
/// which keeps typing a whole document to a few milliseconds), <c>patterns</c>, optional <c>cues</c>, <c>notWhen</c>, <c>negation</c> (<c>becomes</c>, optional
/// <c>patterns</c> and <c>notNegations</c>), <c>exception</c> (<c>becomes</c>, <c>patterns</c>, optional <c>severity</c>), <c>followsOn</c> (<c>types</c>, <c>patterns</c>) and <c>examples</c>
/// (<c>positive</c> and <c>negative</c> test sentences).</item>
/// </list>
/// Patterns are .NET regular expressions, matched case-insensitively, with a timeout, on the provision's words with
/// Markdown and link targets left out, white space collapsed and typographic quotes straightened; a pattern may neither
/// start nor end inside a word. A broken file (bad JSON, a missing or unknown field, a duplicate id, a pattern that does
/// not compile, a <c>becomes</c> naming no type) fails with a <see cref="ClauseCatalogException"/> naming the entry and
/// the field; a test parses the embedded file with every pattern compiled and checks every test sentence.
/// </summary>
public sealed partial class ClauseTypeCatalog
{
    private const string ResourceName = "Snapshots.Provisions.clause-types.json";
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private static readonly Lazy<ClauseTypeCatalog> Embedded = new(() => Read(EmbeddedJson(), compilePatterns: false));

    private readonly Dictionary<string, ClauseType> byId;
    private readonly Lazy<CompiledCatalog> compiled;

    private ClauseTypeCatalog(IReadOnlyList<ClauseType> types, Func<CompiledCatalog> compile)
    {
        Types = types;
        byId = types.ToDictionary(t => t.Id, StringComparer.Ordinal);
        compiled = new Lazy<CompiledCatalog>(compile);
    }

    /// <summary>The catalogue built into the library; its patterns are compiled when first used.</summary>
    public static ClauseTypeCatalog Default => Embedded.Value;

    /// <summary>The types in catalogue order, the order in which a provision's types are listed.</summary>
    public IReadOnlyList<ClauseType> Types { get; }

    public ClauseType? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>What readers are shown for a type: its name, or its id when the catalogue no longer has it.</summary>
    public string NameOf(string id) => Find(id)?.Name ?? id;

    internal CompiledCatalog Compiled => compiled.Value;

    /// <summary>Reads a clause-types.json, compiling every pattern now so that a broken one fails here, named.</summary>
    public static ClauseTypeCatalog Parse(string json) => Read(json, compilePatterns: true);

    /// <summary>The text of the clause-types.json built into this assembly.</summary>
    public static string EmbeddedJson()
    {
        using var stream = typeof(ClauseTypeCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static readonly string[] FileFields = ["notes", "macros", "negationCues", "notNegations", "conditionCues", "negationExceptions", "clauseBoundaries", "clauseTypes"];
    private static readonly string[] TypeFields = ["id", "name", "whatItIs", "regulations", "severity", "keywords", "patterns", "cues", "notWhen", "negation", "exception", "followsOn", "examples"];

    private static ClauseTypeCatalog Read(string json, bool compilePatterns)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ClauseCatalogException(null, "(file)", $"is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new ClauseCatalogException(null, "(file)", "must be a JSON object.");
            Unknown(root, FileFields, null);
            var macros = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("macros", out var macroElement))
            {
                if (macroElement.ValueKind != JsonValueKind.Object) throw new ClauseCatalogException(null, "macros", "must be an object of named patterns.");
                foreach (var macro in macroElement.EnumerateObject())
                {
                    if (macro.Value.ValueKind != JsonValueKind.String || !MacroName().IsMatch(macro.Name))
                        throw new ClauseCatalogException(null, $"macros.{macro.Name}", "must be a pattern (a string) named with letters and digits.");
                    macros[macro.Name] = macro.Value.GetString()!;
                }
            }
            var shared = new SharedPatterns(
                Strings(root, "negationCues", null, required: true),
                Strings(root, "notNegations", null, required: false),
                Strings(root, "conditionCues", null, required: false),
                Strings(root, "negationExceptions", null, required: false),
                Strings(root, "clauseBoundaries", null, required: false));

            if (!root.TryGetProperty("clauseTypes", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                throw new ClauseCatalogException(null, "clauseTypes", "is missing or empty: the file needs at least one clause type.");
            var types = new List<ClauseType>();
            var position = 0;
            foreach (var entry in list.EnumerateArray())
            {
                position++;
                types.Add(ReadType(entry, position));
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in types)
                if (!seen.Add(type.Id)) throw new ClauseCatalogException(type.Id, "id", "is used by another clause type: ids must be unique.");
            foreach (var type in types)
            {
                if (type.Negation?.Becomes is { } negated && (negated == type.Id || !seen.Contains(negated)))
                    throw new ClauseCatalogException(type.Id, "negation.becomes", $"names '{negated}', which is not another clause type of the file.");
                if (type.Exception is { } exception && (exception.Becomes == type.Id || !seen.Contains(exception.Becomes)))
                    throw new ClauseCatalogException(type.Id, "exception.becomes", $"names '{exception.Becomes}', which is not another clause type of the file.");
                foreach (var topic in type.FollowsOn?.Types ?? [])
                    if (topic == type.Id || !seen.Contains(topic))
                        throw new ClauseCatalogException(type.Id, "followsOn.types", $"names '{topic}', which is not another clause type of the file.");
            }

            var compile = () => CompiledCatalog.Compile(types, shared, macros);
            if (compilePatterns)
            {
                var done = compile();
                return new ClauseTypeCatalog(types, () => done);
            }
            return new ClauseTypeCatalog(types, compile);
        }
    }

    private static ClauseType ReadType(JsonElement entry, int position)
    {
        var name = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
            ? idElement.GetString()!
            : $"#{position}";
        if (entry.ValueKind != JsonValueKind.Object) throw new ClauseCatalogException(name, "(entry)", "must be an object.");
        Unknown(entry, TypeFields, name);
        var id = Text(entry, "id", name);
        if (!Slug.IsValid(id)) throw new ClauseCatalogException(name, "id", "must be lower-case kebab-case (letters, digits and single hyphens).");
        var severityText = Text(entry, "severity", name);
        if (!TryParseSeverity(severityText, out var severity)) throw new ClauseCatalogException(name, "severity", $"is '{severityText}': expected low, medium or high.");

        ClauseNegation? negation = null;
        if (entry.TryGetProperty("negation", out var negationElement))
        {
            if (negationElement.ValueKind != JsonValueKind.Object) throw new ClauseCatalogException(name, "negation", "must be an object with 'becomes' (a clause type id, or null to drop the match).");
            Unknown(negationElement, ["becomes", "patterns", "notNegations"], name, "negation.");
            if (!negationElement.TryGetProperty("becomes", out var becomes) || becomes.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                throw new ClauseCatalogException(name, "negation.becomes", "is missing: give a clause type id, or null to drop a negated match.");
            negation = new ClauseNegation(becomes.ValueKind == JsonValueKind.Null ? null : becomes.GetString(), Strings(negationElement, "patterns", name, required: false, prefix: "negation."),
                Strings(negationElement, "notNegations", name, required: false, prefix: "negation."));
        }

        ClauseException? exception = null;
        if (entry.TryGetProperty("exception", out var exceptionElement))
        {
            if (exceptionElement.ValueKind != JsonValueKind.Object) throw new ClauseCatalogException(name, "exception", "must be an object with 'becomes' and 'patterns'.");
            Unknown(exceptionElement, ["becomes", "patterns", "severity"], name, "exception.");
            SeverityLevel? raised = null;
            if (exceptionElement.TryGetProperty("severity", out var severityElement))
            {
                var value = severityElement.ValueKind == JsonValueKind.String ? severityElement.GetString()! : "";
                if (!TryParseSeverity(value, out var level)) throw new ClauseCatalogException(name, "exception.severity", $"is '{value}': expected low, medium or high.");
                raised = level;
            }
            exception = new ClauseException(Text(exceptionElement, "becomes", name, "exception."), Strings(exceptionElement, "patterns", name, required: true, prefix: "exception."), raised);
        }

        ClauseFollowOn? followsOn = null;
        if (entry.TryGetProperty("followsOn", out var followElement))
        {
            if (followElement.ValueKind != JsonValueKind.Object) throw new ClauseCatalogException(name, "followsOn", "must be an object with 'types' and 'patterns'.");
            Unknown(followElement, ["types", "patterns"], name, "followsOn.");
            followsOn = new ClauseFollowOn(Strings(followElement, "types", name, required: true, prefix: "followsOn."), Strings(followElement, "patterns", name, required: true, prefix: "followsOn."));
        }

        if (!entry.TryGetProperty("examples", out var examples) || examples.ValueKind != JsonValueKind.Object)
            throw new ClauseCatalogException(name, "examples", "is missing: give 'positive' and 'negative' test sentences.");
        Unknown(examples, ["positive", "negative"], name, "examples.");

        var keywords = Strings(entry, "keywords", name, required: true);
        for (var i = 0; i < keywords.Count; i++)
            if (keywords[i] != keywords[i].ToLowerInvariant() || !char.IsLetterOrDigit(keywords[i][0]))
                throw new ClauseCatalogException(name, $"keywords[{i}]", $"\"{keywords[i]}\" must be lower case and start with a letter or digit.");

        return new ClauseType(
            id,
            Text(entry, "name", name),
            Text(entry, "whatItIs", name),
            Strings(entry, "regulations", name, required: true),
            severity,
            keywords,
            Strings(entry, "patterns", name, required: true),
            Strings(entry, "cues", name, required: false),
            Strings(entry, "notWhen", name, required: false),
            negation,
            exception,
            followsOn,
            Strings(examples, "positive", name, required: true, prefix: "examples."),
            Strings(examples, "negative", name, required: true, prefix: "examples."));
    }

    private static bool TryParseSeverity(string text, out SeverityLevel level)
    {
        level = SeverityLevel.Low;
        return text is "low" or "medium" or "high" && Enum.TryParse(text, ignoreCase: true, out level);
    }

    private static void Unknown(JsonElement element, string[] known, string? entry, string prefix = "")
    {
        foreach (var property in element.EnumerateObject())
            if (!known.Contains(property.Name, StringComparer.Ordinal))
                throw new ClauseCatalogException(entry, prefix + property.Name, $"is not a field of {(entry is null ? "the file" : "a clause type")} (expected one of: {string.Join(", ", known)}).");
    }

    private static string Text(JsonElement element, string field, string entry, string prefix = "")
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            throw new ClauseCatalogException(entry, prefix + field, "is missing or empty.");
        return value.GetString()!;
    }

    private static IReadOnlyList<string> Strings(JsonElement element, string field, string? entry, bool required, string prefix = "")
    {
        if (!element.TryGetProperty(field, out var value))
        {
            if (required) throw new ClauseCatalogException(entry, prefix + field, "is missing: give a list of at least one.");
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array) throw new ClauseCatalogException(entry, prefix + field, "must be a list of strings.");
        var strings = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                throw new ClauseCatalogException(entry, $"{prefix}{field}[{strings.Count}]", "must be a non-empty string.");
            strings.Add(item.GetString()!);
        }
        if (required && strings.Count == 0) throw new ClauseCatalogException(entry, prefix + field, "is empty: give at least one.");
        return strings;
    }

    /// <summary>The shared guard patterns of the file, as written.</summary>
    internal sealed record SharedPatterns(IReadOnlyList<string> NegationCues, IReadOnlyList<string> NotNegations, IReadOnlyList<string> ConditionCues, IReadOnlyList<string> NegationExceptions, IReadOnlyList<string> ClauseBoundaries);

    /// <summary>One type's patterns compiled: one regular expression per field, null for an empty field.</summary>
    internal sealed record CompiledType(ClauseType Type, Regex Patterns, Regex? Cues, Regex? NotWhen, Regex? Negation, Regex? NotNegation, Regex? Exception, Regex? FollowOn);

    /// <summary>Every pattern of the file compiled.</summary>
    internal sealed record CompiledCatalog(IReadOnlyList<CompiledType> Types, Regex NegationCue, Regex? NotNegation, Regex? ConditionCue, Regex? NegationException, Regex? ClauseBoundary)
    {
        /// <summary>Every type's keywords, indexed by the type's position in <see cref="Types"/>.</summary>
        public KeywordIndex Keywords { get; } = new(Types.Select(t => t.Type.Keywords).ToList());

        public static CompiledCatalog Compile(IReadOnlyList<ClauseType> types, SharedPatterns shared, IReadOnlyDictionary<string, string> macros)
        {
            Regex? Build(IReadOnlyList<string> patterns, string? entry, string field) =>
                patterns.Count == 0 ? null : Combine(patterns, entry, field, macros);

            var compiled = types.Select(t => new CompiledType(
                t,
                Build(t.Patterns, t.Id, "patterns")!,
                Build(t.Cues, t.Id, "cues"),
                Build(t.NotWhen, t.Id, "notWhen"),
                t.Negation is { Patterns.Count: > 0 } n ? Build(n.Patterns, t.Id, "negation.patterns") : null,
                t.Negation is { NotNegations.Count: > 0 } nn ? Build(nn.NotNegations, t.Id, "negation.notNegations") : null,
                t.Exception is { } e ? Build(e.Patterns, t.Id, "exception.patterns") : null,
                t.FollowsOn is { } f ? Build(f.Patterns, t.Id, "followsOn.patterns") : null)).ToList();
            return new CompiledCatalog(
                compiled,
                Build(shared.NegationCues, null, "negationCues")!,
                Build(shared.NotNegations, null, "notNegations"),
                Build(shared.ConditionCues, null, "conditionCues"),
                Build(shared.NegationExceptions, null, "negationExceptions"),
                Build(shared.ClauseBoundaries, null, "clauseBoundaries"));
        }

        /// <summary>
        /// The patterns of one field as one expression that may neither start nor end inside a word. Each pattern is first
        /// compiled alone, so that a broken one is named by its place in the list.
        /// </summary>
        private static Regex Combine(IReadOnlyList<string> patterns, string? entry, string field, IReadOnlyDictionary<string, string> macros)
        {
            var expanded = new List<string>();
            for (var i = 0; i < patterns.Count; i++)
            {
                var pattern = Expand(patterns[i], entry, $"{field}[{i}]", macros);
                try
                {
                    _ = new Regex(pattern, Options, MatchTimeout);
                }
                catch (ArgumentException e)
                {
                    throw new ClauseCatalogException(entry, $"{field}[{i}]", $"\"{patterns[i]}\" is not a valid regular expression: {e.Message}", e);
                }
                expanded.Add(pattern);
            }
            return new Regex(@"(?<!\w)(?:" + string.Join('|', expanded.Select(p => "(?:" + p + ")")) + @")(?!\w)", Options, MatchTimeout);
        }

        private static string Expand(string pattern, string? entry, string field, IReadOnlyDictionary<string, string> macros)
        {
            // Macros may use macros, to a depth of MacroDepth.
            var withMacros = pattern;
            for (var depth = 0; depth < MacroDepth && MacroReference().IsMatch(withMacros); depth++)
                withMacros = MacroReference().Replace(withMacros, m =>
                    macros.TryGetValue(m.Groups[1].Value, out var fragment)
                        ? "(?:" + fragment + ")"
                        : throw new ClauseCatalogException(entry, field, $"uses {{{m.Groups[1].Value}}}, which is not one of the file's macros ({string.Join(", ", macros.Keys)})."));
            if (MacroReference().IsMatch(withMacros)) throw new ClauseCatalogException(entry, field, $"uses macros nested deeper than {MacroDepth}.");
            var withWords = WordsToken().Replace(withMacros, m => $"(?:[\\w'-]+ ){{{m.Groups[1].Value},{m.Groups[2].Value}}}");
            return SpanToken().Replace(withWords, m => $"(?:(?!{SpanEnd})[^.;!?|]){{{m.Groups[1].Value},{m.Groups[2].Value}}}?");
        }

        /// <summary>
        /// Where a {span:…} stops besides a sentence's punctuation: a new clause in which the platform is the subject again ("…, and
        /// we use your chats to train our models"), so that a match, and a negation before it, stay in one clause. A clause about
        /// the user ("…, and you will not be able to opt out") may still complete a match.
        /// </summary>
        private const string SpanEnd = @",? (?:and|but) (?:we|they|it)\b|, (?:but|however|whereas|while)\b";

        private const int MacroDepth = 4;

        private static RegexOptions Options => RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex MacroName();

    /// <summary>"{name}", but not a Unicode category ("\p{L}").</summary>
    [GeneratedRegex(@"(?<!\\[pP])\{([A-Za-z][A-Za-z0-9]*)\}")]
    private static partial Regex MacroReference();

    [GeneratedRegex(@"\{words:(\d+)-(\d+)\}")]
    private static partial Regex WordsToken();

    [GeneratedRegex(@"\{span:(\d+)-(\d+)\}")]
    private static partial Regex SpanToken();
}
