using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snapshots.Archive;

/// <summary>
/// A version row's <see cref="VersionRecord.RawSourcesJson"/>: its <see cref="RawSource"/>s as JSON with web defaults, the
/// serializer generated at build time rather than built by reflection in each process (issue 25).
/// </summary>
public static class RawSourceJson
{
    public static string Write(List<RawSource> sources) => JsonSerializer.Serialize(sources, RawSourceJsonContext.Default.ListRawSource);

    public static List<RawSource> Read(string json) => JsonSerializer.Deserialize(json, RawSourceJsonContext.Default.ListRawSource) ?? [];
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<RawSource>))]
internal sealed partial class RawSourceJsonContext : JsonSerializerContext;
