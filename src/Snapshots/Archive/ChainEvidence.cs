using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snapshots.Archive;

/// <summary>
/// The evidence fields of a version row that a format-2 or format-3 chain link covers besides the previous chain hash, the text
/// hash and the capture time: written as the link's fourth line, <c>snapshots-chain/2 {json}</c> or <c>snapshots-chain/3 {json}</c>,
/// one line of JSON in this property order, non-ASCII and markup characters escaped, so that the same fields always give the
/// same bytes. Format 3 is format 2 whose sources also name their WARC capture (<c>warcSha256</c>, <c>warcBlob</c>); a source
/// without one writes neither field, so format-2 lines are byte for byte what they were. An evidence bundle carries the line in
/// each <c>chain.txt</c>, so a reader can see what the chain hash vouches for.
/// </summary>
public sealed record ChainEvidence(
    long Sequence,
    string? PreviousTextSha256,
    string? ComparedWithSha256,
    string TextBlob,
    string RawSha256,
    IReadOnlyList<RawSource> Sources,
    string DeclarationSha256,
    string Origin,
    bool TimestampRequested)
{
    public const string Marker = "snapshots-chain/2 ";

    /// <summary>The fourth line's start in a given format: <c>snapshots-chain/2 </c> or <c>snapshots-chain/3 </c>.</summary>
    public static string MarkerOf(int format) => $"snapshots-chain/{format} ";

    public static ChainEvidence Of(VersionRecord version) => new(version.Sequence, version.PreviousTextSha256, version.ComparedWithSha256,
        version.TextBlob, version.RawSha256, SourcesOf(version), version.DeclarationSha256, version.Origin, version.TimestampRequested ?? false);

    public string Line(int format = 2) => MarkerOf(format) + JsonSerializer.Serialize(this, ChainEvidenceJson.Default.ChainEvidence);

    /// <summary>The evidence in a chain input's fourth line (format 2 or 3, which <paramref name="format"/> names); null when there is none or it cannot be read.</summary>
    public static ChainEvidence? Parse(string chainInput, int format = 2)
    {
        var lines = chainInput.Split('\n');
        var marker = MarkerOf(format);
        if (lines.Length != 4 || !lines[3].StartsWith(marker, StringComparison.Ordinal)) return null;
        try { return JsonSerializer.Deserialize(lines[3][marker.Length..], ChainEvidenceJson.Default.ChainEvidence); }
        catch (JsonException) { return null; }
    }

    /// <summary>The row's sources as recorded; a list that cannot be read is empty here (and its link then fails).</summary>
    private static IReadOnlyList<RawSource> SourcesOf(VersionRecord version)
    {
        try { return version.RawSources(); }
        catch (JsonException) { return [new RawSource("(unreadable)", version.RawSourcesJson, "", "", "")]; }
    }
}

/// <summary><see cref="ChainEvidence"/>'s serializer, generated at build time: the same bytes as the reflection serializer's (a test holds it to them).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ChainEvidence))]
internal sealed partial class ChainEvidenceJson : JsonSerializerContext;
