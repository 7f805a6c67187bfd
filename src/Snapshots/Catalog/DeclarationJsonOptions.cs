using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Snapshots.Catalog;

/// <summary>How a <see cref="DocumentDeclaration"/> is stored on its document row, and its fingerprint.</summary>
internal static class DeclarationJsonOptions
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(DocumentDeclaration declaration) => JsonSerializer.Serialize(declaration, Options);

    /// <summary>SHA-256 of what the extraction depends on (sources, selectors, ignore rules): a new declaration means re-extracting.</summary>
    public static string Fingerprint(DocumentDeclaration declaration) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            JsonSerializer.Serialize(new { declaration.Sources, declaration.Ignore }, Options))));
}
