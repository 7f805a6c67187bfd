using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snapshots.Provisions;

/// <summary>
/// The provision texts of an evidence bag: in each version's folder, <c>provisions.json</c> (the format
/// <see cref="Format"/>: the SHA-256 of <c>text.md</c> and one line per provision, <see cref="ProvisionBundleEntry"/>) and
/// <c>provisions/{id}.txt</c>, each provision's own text as the exact bytes <c>start</c> to <c>end</c> (end excluded) of the
/// version's <c>text.md</c>, listed in the bag's manifest with the provision's recorded SHA-256. Written by
/// <see cref="ProvisionBundleFiles"/>, checked by <see cref="ProvisionBundleCheck"/> and by the VERIFY.md step <see cref="Step"/>.
/// </summary>
internal static class ProvisionBundleLayout
{
    public const string Format = "snapshots-provisions/1";
    public const string Index = "provisions.json";
    public const string Folder = "provisions/";
    public const string Title = "Provision texts";

    /// <summary>The largest <c>provisions.json</c> a check reads: a version of 100,000 provisions is about 25 MB of lines, far past any real text.</summary>
    public const long MaxIndexBytes = 32L << 20;
    public const int MaxProvisions = 100_000;
    /// <summary>The largest <c>text.md</c> a check reads to slice.</summary>
    public const long MaxTextBytes = 64L << 20;

    public static string FileOf(string id) => $"{Folder}{id}.txt";

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>
    /// <c>provisions.json</c>: valid JSON, one provision a line, each line starting <c>{"id":</c> with the fields in the order
    /// <see cref="ProvisionBundleEntry"/> declares, so that <see cref="Step"/> reads it with <c>grep</c> and <c>sed</c>.
    /// </summary>
    public static byte[] IndexJson(string textSha256, IReadOnlyList<ProvisionBundleEntry> entries)
    {
        var head = $"{{\"format\":\"{Format}\",\"text\":\"{Archive.EvidenceBundleLayout.TextFile}\",\"textSha256\":\"{textSha256}\",\"offsets\":\"bytes of text.md, start included, end excluded\",\"provisions\":[";
        var lines = entries.Select(e => JsonSerializer.Serialize(e, Json));
        return System.Text.Encoding.UTF8.GetBytes(head + "\n" + string.Join(",\n", lines) + "\n]}\n");
    }

    /// <summary>The VERIFY.md step: every provision file is bytes start..end of its version's text.md and hashes to the SHA-256 recorded for it.</summary>
    public const string Step = """
        `data/versions/NNNNNN/provisions.json` lists the version's provisions, the units a reader quotes and cites: one line
        each with its id, its readable name (`slug`), its clause types, where it stands in the version's `text.md` (`start`
        and `end`, in bytes, end excluded) and the SHA-256 of its text, recorded when its provisions were built.
        `data/versions/NNNNNN/provisions/{id}.txt` is that text. Step 1 checked each file against the recorded SHA-256; this
        step checks that each is exactly bytes `start` to `end` of `text.md` (so the provision is the text that the chain
        and the timestamp cover) and that every line of `provisions.json` was checked.

        ```sh
        for j in data/versions/*/provisions.json; do test -e "$j" || continue; d=$(dirname "$j"); n=$(grep -c '^{"id":' "$j"); m=$(grep -o '"start":[0-9]*,"end":[0-9]*,"sha256":"[0-9a-f]\{64\}","file":"provisions/v[0-9]*-p[0-9]*\.txt"' "$j" | sed 's/^"start":\([0-9]*\),"end":\([0-9]*\),"sha256":"\([0-9a-f]*\)","file":"\([^"]*\)"$/\1 \2 \3 \4/' | { k=0; while read -r s e h f; do k=$((k+1)); test "$e" -ge "$s" || { echo "$d/$f: end $e is before start $s" >&2; exit 1; }; test "$(tail -c +$((s+1)) "$d/text.md" | head -c $((e-s)) | sha256sum | cut -c1-64)" = "$h" || { echo "$d/$f: bytes $s to $e of $d/text.md do not hash to $h" >&2; exit 1; }; test "$(sha256sum < "$d/$f" | cut -c1-64)" = "$h" || { echo "$d/$f: does not hash to $h, so it is not bytes $s to $e of $d/text.md" >&2; exit 1; }; done; echo "$k"; }) || exit 1; test "$m" = "$n" || { echo "$j: $n provisions listed, $m in the checked form" >&2; exit 1; }; echo "$d: $n provisions are bytes of text.md"; done
        ```
        """;
}

/// <summary>One provision of a version in <c>provisions.json</c> (see <see cref="ProvisionBundleLayout"/>).</summary>
/// <param name="Id">Its <see cref="ProvisionId"/>, kept across versions while the lineage follows it.</param>
/// <param name="Slug">Its readable name (<see cref="ProvisionSlug"/>).</param>
/// <param name="ClauseTypes">The ids of its clause types, as the classifier of this export finds them.</param>
/// <param name="Start">Where its text starts in <c>text.md</c>, in bytes.</param>
/// <param name="End">Where its text ends in <c>text.md</c>, in bytes, excluded.</param>
/// <param name="Sha256">The SHA-256 of its text, recorded when the version's provisions were built.</param>
/// <param name="File">Its text's file, relative to the version's folder: <c>provisions/{id}.txt</c>.</param>
internal sealed record ProvisionBundleEntry(string Id, string Slug, IReadOnlyList<string> ClauseTypes, long Start, long End, string Sha256, string File);
