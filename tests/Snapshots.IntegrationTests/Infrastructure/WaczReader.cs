using System.Text.Json;
using Snapshots.Cli.Local;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// Opens a WACZ with tools other than Snapshots' own: <c>unzip</c> extracts it and lists each entry's compression method,
/// <c>sha256sum</c> hashes the extracted files, and webrecorder's <c>warcio</c> (npm) reads <c>archive/data.warc.gz</c> at the
/// offset and length of every CDXJ line (one record each, with its type, target, date, digests and the SHA-256 of its payload
/// as read), computes the SURT key of each line's URL with its own <c>getSurt</c>, and indexes the whole WARC with its own
/// <c>CDXIndexer</c> for comparison.
/// </summary>
public sealed class WaczReader
{
    /// <summary>What warcio read at one CDXJ line's offset and length.</summary>
    public sealed record Seek(string Line, string Key, string Timestamp, JsonElement Cdx, int Records, string Type, string? Target, string Date,
        string? PayloadDigest, string? BlockDigest, string? Status, string ContentDigest, string Surt);

    public required string Folder { get; init; }
    public required IReadOnlyDictionary<string, string> Methods { get; init; }
    public required IReadOnlyList<Seek> Seeks { get; init; }
    /// <summary>warcio's CDXIndexer lines for the whole data.warc.gz (cdxj format), in file order.</summary>
    public required IReadOnlyList<string> WarcioIndex { get; init; }

    public string PathOf(string entry) => Path.Combine(Folder, entry);
    public byte[] Bytes(string entry) => File.ReadAllBytes(PathOf(entry));
    public string Text(string entry) => File.ReadAllText(PathOf(entry));

    private const string Script = """
        const path = require("node:path");
        const fs = require("node:fs");
        const crypto = require("node:crypto");
        const { WARCParser, CDXIndexer, getSurt } = require(path.join(process.argv[2], "node_modules", "warcio"));
        (async () => {
          const warcFile = process.argv[3];
          const warc = fs.readFileSync(warcFile);
          const lines = fs.readFileSync(process.argv[4], "utf8").split("\n").filter((l) => l.length > 0);
          const seeks = [];
          for (const line of lines) {
            const first = line.indexOf(" "), second = line.indexOf(" ", first + 1);
            const cdx = JSON.parse(line.slice(second + 1));
            const offset = Number(cdx.offset), length = Number(cdx.length);
            const records = [];
            for await (const record of new WARCParser([warc.subarray(offset, offset + length)])) {
              const raw = await record.readFully(false);
              records.push({ record, raw });
            }
            const { record, raw } = records[0];
            seeks.push({
              line, key: line.slice(0, first), timestamp: line.slice(first + 1, second), cdx, records: records.length,
              type: record.warcType, target: record.warcTargetURI ?? null, date: record.warcDate,
              payloadDigest: record.warcPayloadDigest ?? null, blockDigest: record.warcHeaders.headers.get("WARC-Block-Digest") ?? null,
              status: record.httpHeaders ? String(record.httpHeaders.statusCode) : null,
              contentDigest: "sha256:" + crypto.createHash("sha256").update(raw).digest("hex"),
              surt: getSurt(cdx.url),
            });
          }
          const indexer = new CDXIndexer({ format: "cdxj" });
          const theirs = [];
          for await (const cdx of indexer.iterIndex([{ filename: "data.warc.gz", reader: fs.createReadStream(warcFile) }])) theirs.push(indexer.serialize(cdx).trim());
          process.stdout.write(JSON.stringify({ seeks, theirs }));
        })().catch((e) => { console.error(e); process.exit(1); });
        """;

    public static async Task<WaczReader> OpenAsync(string wacz)
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("tests must run inside the repository (package.json pins warcio)");
        var folder = Directory.CreateTempSubdirectory("snapshots-wacz-").FullName;
        await ExternalProcess.RunCheckedAsync("unzip", ["-q", wacz, "-d", folder], folder);
        var listing = await ExternalProcess.RunCheckedAsync("unzip", ["-v", wacz], folder);
        // unzip -v: Length Method Size Cmpr Date Time CRC-32 Name, one entry a line.
        var methods = listing.Output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 8 && long.TryParse(f[0], out _)).ToDictionary(f => f[7], f => f[1], StringComparer.Ordinal);
        var script = Path.Combine(Directory.CreateTempSubdirectory("snapshots-wacz-read-").FullName, "read.cjs");
        await File.WriteAllTextAsync(script, Script);
        var run = await ExternalProcess.RunAsync("node", [script, root, Path.Combine(folder, "archive", "data.warc.gz"), Path.Combine(folder, "indexes", "index.cdxj")], folder);
        if (run.ExitCode != 0) throw new InvalidOperationException($"warcio could not read the WACZ: {run}");
        using var json = JsonDocument.Parse(run.Output);
        static string? S(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();
        var seeks = json.RootElement.GetProperty("seeks").EnumerateArray().Select(s => new Seek(S(s, "line")!, S(s, "key")!, S(s, "timestamp")!,
            s.GetProperty("cdx").Clone(), s.GetProperty("records").GetInt32(), S(s, "type")!, S(s, "target"), S(s, "date")!, S(s, "payloadDigest"),
            S(s, "blockDigest"), S(s, "status"), S(s, "contentDigest")!, S(s, "surt")!)).ToList();
        return new WaczReader
        {
            Folder = folder,
            Methods = methods,
            Seeks = seeks,
            WarcioIndex = [.. json.RootElement.GetProperty("theirs").EnumerateArray().Select(l => l.GetString()!)],
        };
    }

    /// <summary>The SHA-256 of an extracted file as <c>sha256sum</c> prints it.</summary>
    public async Task<string> Sha256SumAsync(string entry)
    {
        var run = await ExternalProcess.RunCheckedAsync("sha256sum", [entry], Folder);
        return run.Output.Split(' ')[0];
    }
}
