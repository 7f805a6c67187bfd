using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snapshots.Provisions;

/// <summary>
/// Reads the <c>provisions</c> rows written before <see cref="ProvisionMapCodec.Format"/> 2: compact JSON, gzip-compressed,
/// every provision with its whole heading path. Rows are never rewritten, so these are read as they are for as long as
/// they are kept.
/// </summary>
internal static partial class ProvisionMapFormat1
{
    public static (List<TrackedProvision> Provisions, List<ProvisionEvent> Events, IReadOnlyList<string> RetiredSlugs) Read(Stream compressed, string row)
    {
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        var stored = JsonSerializer.Deserialize(gzip, StoredJson.Default.StoredMap)
            ?? throw new InvalidDataException($"provisions row {row} is empty");
        var provisions = stored.P.Select(p => new TrackedProvision(p.I, p.S,
            new Provision(p.O, (ProvisionKind)p.K, p.H, new TextRange(p.A, p.L), Ranges(p.C), p.X, p.N))).ToList();
        var events = stored.E.Select(e => new ProvisionEvent((ProvisionEventKind)e.K, e.P, e.C, e.S, e.T, e.M, e.R)).ToList();
        return (provisions, events, stored.R);
    }

    private static List<TextRange> Ranges(int[] flat)
    {
        var ranges = new List<TextRange>(flat.Length / 2);
        for (var i = 0; i + 1 < flat.Length; i += 2) ranges.Add(new TextRange(flat[i], flat[i + 1]));
        return ranges;
    }

    /// <summary>The JSON, generated at build time (no serializer code compiled at run time).</summary>
    [JsonSerializable(typeof(StoredMap))]
    private sealed partial class StoredJson : JsonSerializerContext;

    private sealed record StoredMap(List<StoredProvision> P, List<StoredEvent> E, IReadOnlyList<string> R);

    /// <param name="N">The slug the splitter proposed (the lineage's <see cref="TrackedProvision.Slug"/> is <paramref name="S"/>).</param>
    private sealed record StoredProvision(string I, string S, int O, int K, IReadOnlyList<string> H, int A, int L, int[] C, string X, string N);

    private sealed record StoredEvent(int K, IReadOnlyList<string> P, IReadOnlyList<string> C, double S, bool T, bool M, bool R);
}
