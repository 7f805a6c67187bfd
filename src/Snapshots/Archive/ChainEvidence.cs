using System.Text.Json;

namespace Snapshots.Archive;

/// <summary>
/// The evidence fields of a version row that a format-2 chain link covers besides the previous chain hash, the text hash and
/// the capture time: written as the link's fourth line, <c>snapshots-chain/2 {json}</c>, one line of JSON in this property
/// order, non-ASCII and markup characters escaped, so that the same fields always give the same bytes. An evidence bundle
/// carries the line in each <c>chain.txt</c>, so a reader can see what the chain hash vouches for.
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

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static ChainEvidence Of(VersionRecord version) => new(version.Sequence, version.PreviousTextSha256, version.ComparedWithSha256,
        version.TextBlob, version.RawSha256, SourcesOf(version), version.DeclarationSha256, version.Origin, version.TimestampRequested ?? false);

    public string Line() => Marker + JsonSerializer.Serialize(this, Json);

    /// <summary>The evidence in a chain input's fourth line; null when there is none or it cannot be read.</summary>
    public static ChainEvidence? Parse(string chainInput)
    {
        var lines = chainInput.Split('\n');
        if (lines.Length != 4 || !lines[3].StartsWith(Marker, StringComparison.Ordinal)) return null;
        try { return JsonSerializer.Deserialize<ChainEvidence>(lines[3][Marker.Length..], Json); }
        catch (JsonException) { return null; }
    }

    /// <summary>The row's sources as recorded; a list that cannot be read is empty here (and its link then fails).</summary>
    private static IReadOnlyList<RawSource> SourcesOf(VersionRecord version)
    {
        try { return version.RawSources(); }
        catch (JsonException) { return [new RawSource("(unreadable)", version.RawSourcesJson, "", "", "")]; }
    }
}
