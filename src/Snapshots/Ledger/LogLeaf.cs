using System.Globalization;
using System.Text;
using Snapshots.Archive;
using Snapshots.Catalog;

namespace Snapshots.Ledger;

/// <summary>What a leaf of the transparency log records: a recorded version, or a check that found the served text unchanged.</summary>
internal enum LeafKind { Version, Check }

/// <summary>
/// One leaf of the transparency log, as canonical text (UTF-8, one <c>name value</c> per line, <c>\n</c> after each): the bytes
/// hashed into the tree. A version leaf names the document, sequence, capture time, origin, text hash and chain hash; a check
/// leaf names the document, the check's time and the text hash served.
/// </summary>
internal sealed record LogLeaf(LeafKind Kind, DocumentId Document, DateTimeOffset Time, string TextSha256, long? Sequence = null, string? Origin = null, string? ChainHash = null)
{
    private const string Header = "snapshots-log-leaf 1";

    public static LogLeaf OfVersion(VersionRecord version) =>
        new(LeafKind.Version, version.Document, version.CapturedAt, version.TextSha256, version.Sequence, version.Origin ?? "live", version.ChainHash);

    public static LogLeaf OfCheck(DocumentId document, DateTimeOffset checkedAt, string servedSha256) =>
        new(LeafKind.Check, document, checkedAt, servedSha256);

    public string Text
    {
        get
        {
            var text = new StringBuilder();
            text.Append(Header).Append('\n');
            text.Append("kind ").Append(Kind == LeafKind.Version ? "version" : "check").Append('\n');
            text.Append("document ").Append(Document.ToString()).Append('\n');
            if (Sequence is { } sequence) text.Append("sequence ").Append(sequence.ToString(CultureInfo.InvariantCulture)).Append('\n');
            text.Append("time ").Append(FormatTime(Time)).Append('\n');
            if (Origin is not null) text.Append("origin ").Append(Origin).Append('\n');
            text.Append("text ").Append(TextSha256).Append('\n');
            if (ChainHash is not null) text.Append("chain ").Append(ChainHash).Append('\n');
            return text.ToString();
        }
    }

    public byte[] Bytes => Encoding.UTF8.GetBytes(Text);

    public byte[] Hash => MerkleTree.LeafHash(Bytes);

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads a leaf's text back; null when it is not a leaf this version of Snapshots writes.</summary>
    public static LogLeaf? Parse(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length < 2 || lines[0] != Header || lines[^1] != "") return null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines[1..^1])
        {
            var space = line.IndexOf(' ');
            if (space <= 0 || !fields.TryAdd(line[..space], line[(space + 1)..])) return null;
        }
        if (!fields.TryGetValue("kind", out var kind) || !fields.TryGetValue("document", out var document) || !fields.TryGetValue("time", out var time)
            || !fields.TryGetValue("text", out var sha)) return null;
        if (!DocumentId.TryParse(document, out var id)) return null;
        if (!DateTimeOffset.TryParseExact(time, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return null;
        long? sequence = fields.TryGetValue("sequence", out var s) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var leaf = kind switch
        {
            "version" when sequence is not null => new LogLeaf(LeafKind.Version, id, at, sha, sequence, fields.GetValueOrDefault("origin"), fields.GetValueOrDefault("chain")),
            "check" => new LogLeaf(LeafKind.Check, id, at, sha),
            _ => null,
        };
        return leaf is not null && leaf.Text == text ? leaf : null;
    }
}
