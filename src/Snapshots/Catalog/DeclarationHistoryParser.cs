using System.Globalization;
using System.Text.Json;

namespace Snapshots.Catalog;

/// <summary>
/// Reads an Open Terms Archive <c>*.history.json</c>: per terms type, the declarations in force before the current one,
/// oldest first, each with its <c>validUntil</c>. A declaration using an unsupported feature (a JavaScript filter) is
/// skipped and listed; anything else wrong is a <see cref="DeclarationException"/> naming the file, document and field.
/// </summary>
internal static class DeclarationHistoryParser
{
    public static IReadOnlyDictionary<string, IReadOnlyList<DatedDeclaration>> ParseFile(string file, string platformName, string platformSlug, List<DeclarationException> skipped)
    {
        JsonDocument parsed;
        var text = DeclarationParser.Utf8Text(DeclarationParser.ReadFile(file, DeclarationLimits.MaxHistoryFileBytes, "a declaration history file"), file);
        try { parsed = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e) { throw new DeclarationException(file, null, null, $"is not valid JSON (line {e.LineNumber + 1}): {e.Message}"); }

        using (parsed)
        {
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
                throw new DeclarationException(file, null, null, "must be an object of terms type → earlier declarations.");
            var history = new Dictionary<string, IReadOnlyList<DatedDeclaration>>(StringComparer.Ordinal);
            foreach (var terms in parsed.RootElement.EnumerateObject())
            {
                if (terms.Value.ValueKind != JsonValueKind.Array)
                    throw new DeclarationException(file, terms.Name, null, "must be an array of earlier declarations, each with \"validUntil\".");
                var earlier = new List<DatedDeclaration>();
                var index = 0;
                foreach (var item in terms.Value.EnumerateArray())
                {
                    var field = $"[{index++}]";
                    if (item.ValueKind != JsonValueKind.Object) throw new DeclarationException(file, terms.Name, field, "must be an object (an OTA document declaration).");
                    var validUntil = ValidUntil(item, file, terms.Name, field);
                    try
                    {
                        var declaration = DeclarationParser.ParseDocument(terms.Name, item, platformName, platformSlug, $"{file} {field}", requireKnownTermsType: false);
                        earlier.Add(new DatedDeclaration(validUntil, declaration));
                    }
                    catch (DeclarationException e) when (DeclarationParser.IsUnsupported(e))
                    {
                        skipped.Add(e);
                    }
                }
                if (earlier.Count > 0) history[terms.Name] = earlier.OrderBy(d => d.ValidUntil).ToList();
            }
            return history;
        }
    }

    private static DateTimeOffset ValidUntil(JsonElement item, string file, string document, string field)
    {
        if (item.TryGetProperty("validUntil", out var value) && value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var until))
            return until;
        throw new DeclarationException(file, document, $"{field}.validUntil", "must be an ISO 8601 UTC time: every earlier declaration says until when it was in force.");
    }
}
