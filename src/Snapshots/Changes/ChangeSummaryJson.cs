using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snapshots.Changes;

/// <summary>
/// Compact JSON for a <see cref="ChangeSummary"/> (camelCase, zeros and nulls left out, enums as words),
/// with a size-bounded form for an Azure Table string property.
/// </summary>
public static class ChangeSummaryJson
{
    /// <summary>An Azure Table string property holds at most 64 KiB of UTF-16, i.e. 32,768 characters.</summary>
    public const int TablePropertyMaxCharacters = 32 * 1024;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Converters = { new JsonStringEnumConverter<SectionChangeKind>(JsonNamingPolicy.CamelCase) },
        // Serializers generated at build time rather than built by reflection in each process (issue 25).
        TypeInfoResolver = ChangeSummaryJsonContext.Default,
    };

    public static string Serialize(ChangeSummary summary) => JsonSerializer.Serialize(summary, Options);

    public static ChangeSummary Deserialize(string json) =>
        JsonSerializer.Deserialize<ChangeSummary>(json, Options)
        ?? throw new JsonException("A change summary cannot be the JSON literal null.");

    /// <summary>
    /// JSON of at most <paramref name="maxCharacters"/> characters. When the full form is longer, the
    /// per-section entries at the end of the document are dropped (their number goes to
    /// <see cref="ChangeSummary.OmittedSections"/>); counts, word totals and topics are always kept.
    /// </summary>
    public static string SerializeWithin(ChangeSummary summary, int maxCharacters = TablePropertyMaxCharacters)
    {
        var full = Serialize(summary);
        if (full.Length <= maxCharacters) return full;

        string Keeping(int count) => Serialize(Trim(summary, count));

        int low = 0, high = summary.Sections.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (Keeping(middle).Length <= maxCharacters) low = middle;
            else high = middle - 1;
        }
        var trimmed = Keeping(low);
        if (trimmed.Length > maxCharacters)
            throw new InvalidOperationException($"A change summary needs {trimmed.Length} characters even without sections; the limit is {maxCharacters}.");
        return trimmed;
    }

    private static ChangeSummary Trim(ChangeSummary summary, int keep) => summary with
    {
        Sections = summary.Sections.Take(keep).ToList(),
        OmittedSections = summary.OmittedSections + summary.Sections.Count - keep,
    };
}

[JsonSerializable(typeof(ChangeSummary))]
internal sealed partial class ChangeSummaryJsonContext : JsonSerializerContext;
