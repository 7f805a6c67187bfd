using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snapshots.Archive;

/// <summary>One file of a WACZ as its datapackage.json lists it: path in the zip, <c>sha256:</c> hash and size in bytes.</summary>
internal sealed record WaczResource(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("bytes")] long Bytes);

/// <summary>
/// <c>datapackage.json</c> of a WACZ (spec 1.1.1, a Frictionless Data Package): profile <c>data-package</c>, wacz_version
/// 1.1.1, every other file of the WACZ with its SHA-256 and size, when and by what it was made, a title and a description
/// naming the document and the versions it holds (and those left out), and the main page; and
/// <c>datapackage-digest.json</c>, the SHA-256 of datapackage.json's exact bytes.
/// </summary>
internal sealed record WaczDataPackage(
    [property: JsonPropertyName("profile")] string Profile,
    [property: JsonPropertyName("resources")] IReadOnlyList<WaczResource> Resources,
    [property: JsonPropertyName("wacz_version")] string WaczVersion,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("mainPageURL"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MainPageUrl,
    [property: JsonPropertyName("mainPageDate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MainPageDate,
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("software")] string Software)
{
    public const string Version = "1.1.1";
    public const string FileName = "datapackage.json";
    public const string DigestFileName = "datapackage-digest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static byte[] DigestOf(byte[] datapackage) =>
        JsonSerializer.SerializeToUtf8Bytes(new { path = FileName, hash = WarcWriter.Digest(datapackage) }, Json);
}
