using System.Text.Json;
using Snapshots.Cli.Local;

namespace Snapshots.IntegrationTests.Infrastructure;

/// <summary>
/// Reads WARC files with webrecorder's <c>warcio</c> (npm, a devDependency in package.json) in a node process: the independent
/// reader the WARC writer is checked against. Each record comes back with its WARC headers, its HTTP status and headers when it
/// has them, the SHA-256 (hex) of its payload as stored (before any Content-Encoding is decoded) and of its content as warcio
/// decodes it, and the raw payload itself (base64).
/// </summary>
public static class WarcioReader
{
    public sealed record Record(string Type, string? Target, IReadOnlyDictionary<string, string> Headers, int? Status,
        IReadOnlyDictionary<string, string> HttpHeaders, string PayloadSha256, string ContentSha256, byte[] Payload)
    {
        public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"the {Type} record has no {name} header");
    }

    private const string Script = """
        const path = require("node:path");
        const fs = require("node:fs");
        const crypto = require("node:crypto");
        const { WARCParser } = require(path.join(process.argv[2], "node_modules", "warcio"));
        (async () => {
          const out = [];
          for await (const record of new WARCParser(fs.createReadStream(process.argv[3]))) {
            const raw = await record.readFully(false);
            const content = record.httpHeaders ? await record.readFully(true) : raw;
            const sha = (b) => crypto.createHash("sha256").update(b).digest("hex");
            out.push({
              type: record.warcType,
              target: record.warcTargetURI ?? null,
              headers: Object.fromEntries(record.warcHeaders.headers),
              status: record.httpHeaders ? Number(record.httpHeaders.statusCode) : null,
              httpHeaders: record.httpHeaders ? Object.fromEntries(record.httpHeaders.headers) : {},
              payloadSha256: sha(raw),
              contentSha256: sha(content),
              payload: Buffer.from(raw).toString("base64"),
            });
          }
          process.stdout.write(JSON.stringify(out));
        })().catch((e) => { console.error(e); process.exit(1); });
        """;

    public static async Task<IReadOnlyList<Record>> ReadAsync(byte[] warc)
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("tests must run inside the repository (package.json pins warcio)");
        var folder = Directory.CreateTempSubdirectory("snapshots-warcio-").FullName;
        var file = Path.Combine(folder, "capture.warc.gz");
        var script = Path.Combine(folder, "read.cjs");
        await File.WriteAllBytesAsync(file, warc);
        await File.WriteAllTextAsync(script, Script);
        var run = await ExternalProcess.RunAsync("node", [script, root, file], folder);
        if (run.ExitCode != 0) throw new InvalidOperationException($"warcio could not read the WARC: {run}");
        var records = JsonSerializer.Deserialize<List<JsonElement>>(run.Output)!;
        return records.Select(r => new Record(
            r.GetProperty("type").GetString()!,
            r.GetProperty("target").GetString(),
            r.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase),
            r.GetProperty("status").ValueKind == JsonValueKind.Number ? r.GetProperty("status").GetInt32() : null,
            r.GetProperty("httpHeaders").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase),
            r.GetProperty("payloadSha256").GetString()!,
            r.GetProperty("contentSha256").GetString()!,
            Convert.FromBase64String(r.GetProperty("payload").GetString()!))).ToList();
    }
}
