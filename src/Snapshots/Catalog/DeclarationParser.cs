using System.Globalization;
using System.Text;
using System.Text.Json;
using AngleSharp.Css.Parser;
using Snapshots.Text;

namespace Snapshots.Catalog;

/// <summary>
/// Reads Open Terms Archive declarations: <c>{"name": ..., "terms": {"Privacy Policy": {"fetch", "select", "remove"} | {"combine": [...]}}}</c>.
/// Every problem is a <see cref="DeclarationException"/> naming the file, the document and the field, including a declaration
/// over one of the <see cref="DeclarationLimits"/>, a file that is not UTF-8, a name with control characters and a
/// <c>validUntil</c> that is not a date.
/// </summary>
public static class DeclarationParser
{
    private static readonly HashSet<string> PlatformFields = ["name", "terms", "documents", "$schema"];
    private static readonly HashSet<string> DocumentFields = ["fetch", "select", "remove", "combine", "executeClientScripts", "loadAllResources", "ignore", "validUntil"];
    private static readonly HashSet<string> CombinedSourceFields = ["fetch", "select", "remove", "executeClientScripts", "loadAllResources"];
    private static readonly HashSet<string> RangeFields = ["startBefore", "startAfter", "endBefore", "endAfter"];
    private static readonly HashSet<string> IgnoreFields = ["pattern", "reason"];
    private static readonly CssSelectorParser SelectorParser = new();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static PlatformDeclaration ParseFile(string path, bool skipUnsupported = false)
    {
        var json = Utf8Text(ReadFile(path, DeclarationLimits.MaxFileBytes, "a declaration file"), path);
        return Parse(json, path, skipUnsupported);
    }

    /// <summary>
    /// A declaration file's bytes: only a regular file (a FIFO, device or socket, also behind a symlink, is refused before it is
    /// opened), at most <paramref name="maxBytes"/> of it, checked before reading and bounded while reading.
    /// </summary>
    internal static byte[] ReadFile(string path, long maxBytes, string what)
    {
        try { return RegularFile.ReadBytes(path, maxBytes, what); }
        catch (FileRefusedException e) { throw new DeclarationException(path, null, null, e.Problem); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new DeclarationException(path, null, null, $"cannot be read: {e.Message}"); }
    }

    /// <summary>True for a document Snapshots cannot run as declared (an OTA JavaScript <c>filter</c>), as opposed to a broken one.</summary>
    public static bool IsUnsupported(DeclarationException e) => e.Field is "filter" || e.Field?.EndsWith(".filter", StringComparison.Ordinal) == true;

    /// <summary>The file's text; bytes that are not UTF-8 (e.g. Latin-1) are refused with their offset, never replaced silently.</summary>
    internal static string Utf8Text(byte[] bytes, string file)
    {
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        try { return StrictUtf8.GetString(bytes, start, bytes.Length - start); }
        catch (DecoderFallbackException e)
        {
            throw new DeclarationException(file, null, null, $"is not UTF-8 text (invalid byte at offset {start + e.Index}): save it as UTF-8.");
        }
    }

    /// <param name="skipUnsupported">
    /// Leave out documents that use what Snapshots does not support (see <see cref="IsUnsupported"/>), listing them in
    /// <see cref="PlatformDeclaration.Skipped"/>, instead of refusing the whole file. Broken documents are refused either way.
    /// </param>
    public static PlatformDeclaration Parse(string json, string file, bool skipUnsupported = false)
    {
        JsonDocument parsed;
        try { parsed = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e) { throw new DeclarationException(file, null, null, $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}"); }

        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new DeclarationException(file, null, null, "must be a JSON object with \"name\" and \"terms\".");
            RejectUnknown(root, PlatformFields, file, null, null);

            var name = BoundedText(RequiredString(root, "name", file, null, null), DeclarationLimits.MaxNameLength, file, null, "name");
            var (slug, origin) = PlatformId.For(name, file);

            // "documents" is the key of Open Terms Archive's earlier declaration format; "terms" the current one.
            var key = root.TryGetProperty("terms", out _) || !root.TryGetProperty("documents", out _) ? "terms" : "documents";
            if (!root.TryGetProperty(key, out var terms) || terms.ValueKind != JsonValueKind.Object)
                throw new DeclarationException(file, null, "terms", "is missing or not an object of terms type → document.");

            var documents = new List<DocumentDeclaration>();
            var skipped = new List<DeclarationException>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var count = terms.EnumerateObject().Count();
            if (count > DeclarationLimits.MaxDocumentsPerFile)
                throw new DeclarationException(file, null, key, $"declares {count} documents, more than the {DeclarationLimits.MaxDocumentsPerFile} a file may have.");
            foreach (var entry in terms.EnumerateObject())
            {
                if (!seen.Add(entry.Name))
                    throw new DeclarationException(file, entry.Name, null, "is declared twice (duplicate terms type).");
                try { documents.Add(ParseDocument(entry.Name, entry.Value, name, slug, file)); }
                catch (DeclarationException e) when (skipUnsupported && IsUnsupported(e)) { skipped.Add(e); }
            }
            if (documents.Count == 0 && skipped.Count == 0) throw new DeclarationException(file, null, "terms", "declares no document.");
            return new PlatformDeclaration(name, slug, documents, file) { IdOrigin = origin, Skipped = skipped };
        }
    }

    /// <summary>Parses one document declaration (the value under a terms type), e.g. from a history folder's declarations.json.</summary>
    /// <param name="requireKnownTermsType">
    /// False for history that Open Terms Archive already recorded: its terms type is taken as given (the document id must
    /// match the one the history names), since OTA's list grows faster than the copy in <see cref="TermsTypes"/>.
    /// </param>
    public static DocumentDeclaration ParseDocument(string termsType, JsonElement element, string platformName, string platformSlug, string file,
        bool requireKnownTermsType = true)
    {
        if (termsType.Length > DeclarationLimits.MaxTermsTypeLength || VisibleText.HasControlCharacters(termsType, keepLineBreaks: false))
            throw new DeclarationException(file, VisibleText.Bounded(termsType, 60), null,
                $"is not a terms type: at most {DeclarationLimits.MaxTermsTypeLength} characters, no control characters.");
        if (!TermsTypes.IsKnown(termsType) && (requireKnownTermsType || Slug.From(termsType).Length == 0))
        {
            var suggestion = TermsTypes.Suggest(termsType);
            throw new DeclarationException(file, termsType, null, suggestion is null
                ? "is not a terms type of Open Terms Archive's list (github.com/OpenTermsArchive/terms-types)."
                : $"is not a canonical Open Terms Archive terms type: use \"{suggestion}\".");
        }
        if (element.ValueKind != JsonValueKind.Object) throw new DeclarationException(file, termsType, null, "must be an object with \"fetch\" or \"combine\".");
        RejectUnknown(element, DocumentFields, file, termsType, null);

        var select = Selectors(element, "select", file, termsType, null, required: false);
        var remove = Selectors(element, "remove", file, termsType, null, required: false);
        var ignore = IgnoreRules(element, file, termsType);
        ValidUntil(element, file, termsType);

        var executeClientScripts = Flag(element, "executeClientScripts", file, termsType, null) ?? false;
        var loadAllResources = Flag(element, "loadAllResources", file, termsType, null) ?? false;
        List<SourceDeclaration> sources = [];
        var hasFetch = element.TryGetProperty("fetch", out _);
        if (element.TryGetProperty("combine", out var combine))
        {
            if (hasFetch) throw new DeclarationException(file, termsType, "combine", "cannot be used together with \"fetch\" on the same document.");
            if (combine.ValueKind != JsonValueKind.Array || combine.GetArrayLength() == 0)
                throw new DeclarationException(file, termsType, "combine", "must be a non-empty array of {\"fetch\", \"select\", \"remove\"}.");
            if (combine.GetArrayLength() > DeclarationLimits.MaxSourcesPerDocument)
                throw new DeclarationException(file, termsType, "combine",
                    $"has {combine.GetArrayLength():N0} sources, more than the {DeclarationLimits.MaxSourcesPerDocument} a document may combine.");
            var index = 0;
            foreach (var part in combine.EnumerateArray())
            {
                var field = $"combine[{index++}]";
                if (part.ValueKind != JsonValueKind.Object) throw new DeclarationException(file, termsType, field, "must be an object with \"fetch\".");
                RejectUnknown(part, CombinedSourceFields, file, termsType, field);
                var fetch = Url(part, file, termsType, field);
                var partSelect = Selectors(part, "select", file, termsType, field, required: false);
                var partRemove = Selectors(part, "remove", file, termsType, field, required: false);
                sources.Add(new SourceDeclaration(fetch, partSelect.Count > 0 ? partSelect : DefaultSelect(select), [.. remove, .. partRemove])
                {
                    ExecuteClientScripts = Flag(part, "executeClientScripts", file, termsType, field) ?? executeClientScripts,
                    LoadAllResources = Flag(part, "loadAllResources", file, termsType, field) ?? loadAllResources,
                });
            }
        }
        else
        {
            sources.Add(new SourceDeclaration(Url(element, file, termsType, null), DefaultSelect(select), remove)
                { ExecuteClientScripts = executeClientScripts, LoadAllResources = loadAllResources });
        }
        var declaration = new DocumentDeclaration(platformName, platformSlug, termsType, sources, ignore);
        var stored = DeclarationJsonOptions.Serialize(declaration).Length;
        if (stored > DeclarationLimits.MaxStoredDeclarationLength)
            throw new DeclarationException(file, termsType, null,
                $"is too large to store ({stored:N0} characters of selectors, URLs and rules; at most {DeclarationLimits.MaxStoredDeclarationLength:N0}).");
        return declaration;
    }

    /// <summary><c>validUntil</c> (history declarations): null or an ISO 8601 date and time.</summary>
    private static void ValidUntil(JsonElement element, string file, string document)
    {
        if (!element.TryGetProperty("validUntil", out var value) || value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            throw new DeclarationException(file, document, "validUntil",
                $"{Quote(value)} is not a date: use an ISO 8601 date and time such as \"2024-05-01T00:00:00Z\", or null.");
    }

    private static string Quote(JsonElement value) => VisibleText.Bounded(value.GetRawText(), 60);

    private static string BoundedText(string text, int max, string file, string? document, string field)
    {
        if (text.Length > max)
            throw new DeclarationException(file, document, field, $"has {text.Length:N0} characters, more than {max}.");
        if (VisibleText.HasControlCharacters(text, keepLineBreaks: false))
            throw new DeclarationException(file, document, field, $"\"{VisibleText.Of(text)}\" contains control characters.");
        if (!VisibleCharacters.HasAny(text))
            throw new DeclarationException(file, document, field,
                $"has no visible character: it is made only of invisible ones ({Codes(text)}: zero-width characters, direction marks, fillers or spaces).");
        return text;
    }

    /// <summary>The code points of a short text, e.g. "U+200B U+200C", for a message about characters one cannot see.</summary>
    private static string Codes(string text) =>
        VisibleText.Bounded(string.Join(' ', text.EnumerateRunes().Take(8).Select(r => $"U+{r.Value:X4}")) + (text.Length > 8 ? " …" : ""), 80);

    private static bool? Flag(JsonElement element, string name, string file, string document, string? prefix)
    {
        if (!element.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new DeclarationException(file, document, prefix is null ? name : $"{prefix}.{name}", "must be true or false."),
        };
    }

    private static IReadOnlyList<ContentSelector> DefaultSelect(IReadOnlyList<ContentSelector> select) =>
        select.Count > 0 ? select : [new CssSelector("body")];

    private static string Url(JsonElement element, string file, string document, string? prefix)
    {
        var field = prefix is null ? "fetch" : $"{prefix}.fetch";
        if (!element.TryGetProperty("fetch", out var value))
            throw new DeclarationException(file, document, field, "is missing: every document needs the URL to fetch.");
        if (value.ValueKind == JsonValueKind.String && VisibleCharacters.FirstForbiddenInUrl(value.GetString()!) is { } forbidden)
            throw new DeclarationException(file, document, field,
                $"has the control character {forbidden.Name} at position {forbidden.Index + 1}: a URL may not hold control or invisible characters "
                + "(percent-encode one, e.g. %0D, if the address really has it).");
        if (value.ValueKind != JsonValueKind.String || !Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri))
            throw new DeclarationException(file, document, field, "must be an absolute http(s) URL.");
        if (value.GetString()!.Length > DeclarationLimits.MaxUrlLength)
            throw new DeclarationException(file, document, field, $"is longer than {DeclarationLimits.MaxUrlLength} characters.");
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            throw new DeclarationException(file, document, field, $"uses the scheme \"{uri.Scheme}\": only http and https are fetched.");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw new DeclarationException(file, document, field, "must not carry credentials.");
        return uri.AbsoluteUri;
    }

    private static IReadOnlyList<ContentSelector> Selectors(JsonElement element, string name, string file, string document, string? prefix, bool required)
    {
        var field = prefix is null ? name : $"{prefix}.{name}";
        if (!element.TryGetProperty(name, out var value))
        {
            if (required) throw new DeclarationException(file, document, field, "is missing.");
            return [];
        }
        var items = value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray().ToList(),
            JsonValueKind.String or JsonValueKind.Object => [value],
            _ => throw new DeclarationException(file, document, field, "must be a CSS selector, a range selector object, or an array of them."),
        };
        if (items.Count > DeclarationLimits.MaxSelectorsPerList)
            throw new DeclarationException(file, document, field, $"has {items.Count:N0} selectors, more than {DeclarationLimits.MaxSelectorsPerList}.");
        var selectors = new List<ContentSelector>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var itemField = value.ValueKind == JsonValueKind.Array ? $"{field}[{i}]" : field;
            selectors.Add(items[i].ValueKind switch
            {
                JsonValueKind.String => new CssSelector(Css(items[i].GetString()!, file, document, itemField)),
                JsonValueKind.Object => Range(items[i], file, document, itemField),
                _ => throw new DeclarationException(file, document, itemField, "must be a CSS selector string or a range selector object."),
            });
        }
        return selectors;
    }

    private static RangeSelector Range(JsonElement element, string file, string document, string field)
    {
        RejectUnknown(element, RangeFields, file, document, field);
        string? Get(string key) => element.TryGetProperty(key, out var v)
            ? v.ValueKind == JsonValueKind.String ? Css(v.GetString()!, file, document, $"{field}.{key}") : throw new DeclarationException(file, document, $"{field}.{key}", "must be a CSS selector string.")
            : null;
        var range = new RangeSelector(Get("startBefore"), Get("startAfter"), Get("endBefore"), Get("endAfter"));
        if ((range.StartBefore is null) == (range.StartAfter is null))
            throw new DeclarationException(file, document, field, "a range selector needs exactly one of \"startBefore\" and \"startAfter\".");
        if ((range.EndBefore is null) == (range.EndAfter is null))
            throw new DeclarationException(file, document, field, "a range selector needs exactly one of \"endBefore\" and \"endAfter\".");
        return range;
    }

    private static string Css(string css, string file, string document, string field)
    {
        if (css.Length > DeclarationLimits.MaxSelectorLength)
            throw new DeclarationException(file, document, field, $"is a selector of {css.Length:N0} characters, more than {DeclarationLimits.MaxSelectorLength}.");
        // ">>>" (the withdrawn shadow-piercing combinator) is not CSS, although AngleSharp reads it as a descendant combinator.
        if (string.IsNullOrWhiteSpace(css) || VisibleText.HasControlCharacters(css, keepLineBreaks: false) || css.Contains(">>>", StringComparison.Ordinal)
            || SelectorParser.ParseSelector(css) is null)
            throw new DeclarationException(file, document, field, $"\"{VisibleText.Of(css)}\" is not a valid CSS selector.");
        return css;
    }

    private static IReadOnlyList<IgnoreRule> IgnoreRules(JsonElement element, string file, string document)
    {
        if (!element.TryGetProperty("ignore", out var value)) return [];
        if (value.ValueKind != JsonValueKind.Array) throw new DeclarationException(file, document, "ignore", "must be an array of {\"pattern\", \"reason\"}.");
        if (value.GetArrayLength() > DeclarationLimits.MaxIgnoreRules)
            throw new DeclarationException(file, document, "ignore", $"has {value.GetArrayLength():N0} rules, more than {DeclarationLimits.MaxIgnoreRules}.");
        var rules = new List<IgnoreRule>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var field = $"ignore[{index++}]";
            if (item.ValueKind != JsonValueKind.Object) throw new DeclarationException(file, document, field, "must be an object {\"pattern\", \"reason\"}.");
            RejectUnknown(item, IgnoreFields, file, document, field);
            var pattern = RequiredString(item, "pattern", file, document, field);
            if (pattern.Length > DeclarationLimits.MaxPatternLength)
                throw new DeclarationException(file, document, $"{field}.pattern", $"has {pattern.Length:N0} characters, more than {DeclarationLimits.MaxPatternLength}.");
            var reason = BoundedText(RequiredString(item, "reason", file, document, field), DeclarationLimits.MaxReasonLength, file, document, $"{field}.reason");
            try { _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)); }
            catch (ArgumentException e) { throw new DeclarationException(file, document, $"{field}.pattern", $"is not a valid regular expression: {e.Message}"); }
            rules.Add(new IgnoreRule(pattern, reason));
        }
        return rules;
    }

    private static string RequiredString(JsonElement element, string name, string file, string? document, string? prefix)
    {
        var field = prefix is null ? name : $"{prefix}.{name}";
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            throw new DeclarationException(file, document, field, "is missing or not a non-empty string.");
        return value.GetString()!.Trim();
    }

    private static void RejectUnknown(JsonElement element, IReadOnlySet<string> allowed, string file, string? document, string? prefix)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (allowed.Contains(property.Name)) continue;
            var field = prefix is null ? property.Name : $"{prefix}.{property.Name}";
            var hint = property.Name == "filter"
                ? "is an OTA JavaScript filter, which Snapshots does not run: use \"remove\" or \"ignore\" rules."
                : $"is not a known field (expected one of: {string.Join(", ", allowed)}).";
            throw new DeclarationException(file, document, field, hint);
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..(cut + 1)] : message;
    }
}
