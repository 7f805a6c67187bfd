using System.Text.Json;
using Snapshots.Catalog;

using Snapshots.Archive;

namespace Snapshots.Tracking;

/// <summary>
/// A folder of saved history for one document, as Open Terms Archive snapshot repositories or Wayback Machine exports
/// give it: <c>captures/</c> (see <see cref="HistoryCapture"/>: one file per capture, or for a combined document one
/// folder per capture holding one numbered file per source), an optional <c>declarations.json</c> (OTA document
/// declarations, oldest first, each with <c>validUntil</c>), and an optional <c>expected.json</c> naming the
/// service and terms type. Reading validates everything, before anything is imported: every capture must be a regular file
/// of at most <see cref="HistoryCapture.MaxBytes"/> (a gzip one decompressed); no capture is parsed here.
/// </summary>
public sealed class HistoryFolder
{
    private readonly IReadOnlyList<(JsonElement Declaration, DateTimeOffset? ValidUntil, int Index)> _declarations;

    private HistoryFolder(string path, IReadOnlyList<HistoryCapture> captures, IReadOnlyList<(JsonElement, DateTimeOffset?, int)> declarations,
        string? service, string? serviceName, string? termsType)
    {
        Service = service;
        Path = path;
        Captures = captures;
        _declarations = declarations;
        ServiceName = serviceName;
        TermsType = termsType;
    }

    public string Path { get; }
    /// <summary>Every capture, oldest first.</summary>
    public IReadOnlyList<HistoryCapture> Captures { get; }
    /// <summary>From expected.json, if present: the service id (ASCII, gives the platform slug) and its display name.</summary>
    public string? Service { get; }
    public string? ServiceName { get; }
    public string? TermsType { get; }
    public bool HasDeclarations => _declarations.Count > 0;
    public string DeclarationsFile => System.IO.Path.Combine(Path, "declarations.json");

    /// <summary>The document id expected.json names (service and terms type), if it is there.</summary>
    public DocumentId? NamedDocument => (Service ?? ServiceName) is { } service && TermsType is { } terms && Slug.From(service).Length > 0
        ? new DocumentId(Slug.From(service), Slug.From(terms))
        : null;

    public static HistoryFolder Read(string path)
    {
        if (!Directory.Exists(path)) throw new HistoryImportException($"{path}: no such folder.");
        var capturesFolder = System.IO.Path.Combine(path, "captures");
        if (!Directory.Exists(capturesFolder)) throw new HistoryImportException($"{path}: has no captures/ folder (expected captures/YYYY-MM-DDTHH-MM-SSZ.html|.html.gz|.pdf|.txt).");

        var captures = new List<HistoryCapture>();
        foreach (var folder in Directory.GetDirectories(capturesFolder).Order(StringComparer.Ordinal))
        {
            if (System.IO.Path.GetFileName(folder).StartsWith('.')) continue;
            if (!HistoryCapture.TryParseFolder(folder, out var combined, out var problem))
                throw new HistoryImportException($"{folder}: is not a combined capture's name: expected YYYY-MM-DDTHH-MM-SSZ[-N] holding 1.html, 2.html, ...");
            if (problem is not null) throw new HistoryImportException(problem);
            captures.Add(combined);
        }
        foreach (var file in Directory.GetFiles(capturesFolder).Order(StringComparer.Ordinal))
        {
            if (System.IO.Path.GetFileName(file).StartsWith('.')) continue;
            if (!HistoryCapture.TryParse(file, out var capture))
                throw new HistoryImportException($"{file}: is not a capture name: expected YYYY-MM-DDTHH-MM-SSZ[-N] with .html, .html.gz, .pdf or .txt.");
            captures.Add(capture);
        }
        captures.Sort((a, b) => a.CapturedAt.CompareTo(b.CapturedAt));
        foreach (var capture in captures) capture.Validate();

        var (service, serviceName, termsType) = ReadExpected(System.IO.Path.Combine(path, "expected.json"));
        return new HistoryFolder(path, captures, ReadDeclarations(System.IO.Path.Combine(path, "declarations.json")), service, serviceName, termsType);
    }

    /// <summary>
    /// The declaration in force at <paramref name="time"/>: the first whose validUntil is at or after it, else the current one
    /// (validUntil null), parsed for this document.
    /// </summary>
    public (DocumentDeclaration Declaration, DateTimeOffset? ValidUntil) DeclarationAt(DateTimeOffset time, string termsType, string platformName, string platformSlug)
    {
        var chosen = _declarations.FirstOrDefault(d => d.ValidUntil is { } until && until >= time);
        if (chosen.Declaration.ValueKind == JsonValueKind.Undefined) chosen = _declarations.FirstOrDefault(d => d.ValidUntil is null);
        if (chosen.Declaration.ValueKind == JsonValueKind.Undefined)
            throw new HistoryImportException($"{DeclarationsFile}: no declaration is valid at {HashChain.FormatTime(time)} (none is current, with validUntil null).");
        return (Parse(chosen.Declaration, chosen.Index, termsType, platformName, platformSlug), chosen.ValidUntil);
    }

    /// <summary>The current declaration (validUntil null), or the last one.</summary>
    public DocumentDeclaration CurrentDeclaration(string termsType, string platformName, string platformSlug)
    {
        var current = _declarations.FirstOrDefault(d => d.ValidUntil is null);
        if (current.Declaration.ValueKind == JsonValueKind.Undefined) current = _declarations[^1];
        return Parse(current.Declaration, current.Index, termsType, platformName, platformSlug);
    }

    private DocumentDeclaration Parse(JsonElement element, int index, string termsType, string platformName, string platformSlug) =>
        DeclarationParser.ParseDocument(termsType, element, platformName, platformSlug, $"{DeclarationsFile} [{index}]", requireKnownTermsType: false);

    private static IReadOnlyList<(JsonElement, DateTimeOffset?, int)> ReadDeclarations(string file)
    {
        if (!File.Exists(file)) return [];
        JsonElement root;
        try
        {
            using var parsed = JsonDocument.Parse(ReadSmallFile(file, DeclarationLimits.MaxHistoryFileBytes), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            root = parsed.RootElement.Clone();
        }
        catch (JsonException e) { throw new HistoryImportException($"{file}: is not valid JSON (line {e.LineNumber + 1}): {e.Message}"); }
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0)
            throw new HistoryImportException($"{file}: must be a non-empty array of declarations, oldest first, each with \"validUntil\".");

        var declarations = new List<(JsonElement, DateTimeOffset?, int)>();
        DateTimeOffset? previous = null;
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw new HistoryImportException($"{file} [{index}]: must be an object (an OTA document declaration).");
            DateTimeOffset? validUntil = null;
            if (item.TryGetProperty("validUntil", out var until) && until.ValueKind != JsonValueKind.Null)
            {
                if (until.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(until.GetString(), System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var parsedUntil))
                    throw new HistoryImportException($"{file} [{index}].validUntil: must be an ISO 8601 UTC time or null.");
                if (previous is { } p && parsedUntil < p)
                    throw new HistoryImportException($"{file} [{index}].validUntil: {until.GetString()} is before the previous declaration's; list them oldest first.");
                validUntil = previous = parsedUntil;
            }
            else if (index != root.GetArrayLength() - 1)
            {
                throw new HistoryImportException($"{file} [{index}].validUntil: only the last declaration may be current (validUntil null).");
            }
            declarations.Add((item, validUntil, index++));
        }
        return declarations;
    }

    /// <summary>declarations.json or expected.json: only a regular file, bounded (see <see cref="RegularFile"/>), as UTF-8.</summary>
    private static string ReadSmallFile(string file, long maxBytes)
    {
        try { return DeclarationParser.Utf8Text(DeclarationParser.ReadFile(file, maxBytes, "a history folder's " + System.IO.Path.GetFileName(file)), file); }
        catch (DeclarationException e) { throw new HistoryImportException(e.Message); }
    }

    private static (string? Service, string? ServiceName, string? TermsType) ReadExpected(string file)
    {
        if (!File.Exists(file)) return (null, null, null);
        try
        {
            using var parsed = JsonDocument.Parse(ReadSmallFile(file, DeclarationLimits.MaxFileBytes));
            var root = parsed.RootElement;
            string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return (Text("service"), Text("serviceName") ?? Text("service"), Text("termsType"));
        }
        catch (JsonException e) { throw new HistoryImportException($"{file}: is not valid JSON (line {e.LineNumber + 1}): {e.Message}"); }
    }
}
