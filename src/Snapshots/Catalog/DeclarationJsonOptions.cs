using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snapshots.Catalog;

/// <summary>How a <see cref="DocumentDeclaration"/> is stored on its document row, and its fingerprint.</summary>
internal static class DeclarationJsonOptions
{
    /// <summary>
    /// The options of <see cref="DeclarationJson"/> (web defaults, named once, by its attribute): serializer code generated at
    /// build time instead of built by reflection in each process: every check reads its documents' declarations (issue 25, a command's fixed cost).
    /// The JSON is the same as before, byte for byte, so stored fingerprints still match.
    /// </summary>
    public static JsonSerializerOptions Options => DeclarationJson.Default.Options;

    public static string Serialize(DocumentDeclaration declaration) => JsonSerializer.Serialize(declaration, DeclarationJson.Default.DocumentDeclaration);

    /// <summary>SHA-256 of what the extraction depends on (sources, selectors, ignore rules): a new declaration means re-extracting.</summary>
    public static string Fingerprint(DocumentDeclaration declaration) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            JsonSerializer.Serialize(new ExtractionInputs(declaration.Sources, declaration.Ignore), DeclarationJson.Default.ExtractionInputs))));
}

/// <summary>What a <see cref="DeclarationJsonOptions.Fingerprint"/> hashes, as <c>{"sources":…,"ignore":…}</c>.</summary>
internal sealed record ExtractionInputs(IReadOnlyList<SourceDeclaration> Sources, IReadOnlyList<IgnoreRule> Ignore);

/// <summary>The serializers of the declaration JSON stored on document rows, generated at build time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DocumentDeclaration))]
[JsonSerializable(typeof(List<DatedDeclaration>))]
[JsonSerializable(typeof(ExtractionInputs))]
internal sealed partial class DeclarationJson : JsonSerializerContext;
