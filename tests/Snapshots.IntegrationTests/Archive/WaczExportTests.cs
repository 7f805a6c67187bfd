using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Archive;

/// <summary>
/// <c>snapshots export --wacz</c> on pages captured through the real pipeline, the WACZ opened by tools other than ours
/// (<see cref="WaczReader"/>: unzip, sha256sum, webrecorder's warcio): every CDXJ line leads warcio to exactly one record
/// of its type, target and digest, warcio's own indexer finds the same records at the same offsets, datapackage.json's hashes
/// and sizes are sha256sum's and the files' own, the WARC and index are stored, and the WARC is the stored blobs as they are.
/// </summary>
public sealed class WaczExportTests
{
    [Fact]
    public async Task A_WACZ_of_a_plain_and_a_gzip_encoded_page_is_read_at_every_index_offset_by_warcio_and_its_datapackage_matches_sha256sum()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        var html = PolicyPages.Privacy("<h2>Data retention</h2><p>We keep your prompts for 90 days.</p>");
        var gzipped = Gzip(Encoding.UTF8.GetBytes(html));
        t.Site.Handle("/privacy", async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(gzipped);
        });
        Assert.True((await t.CheckAsync(id)).IsChange);
        var versions = await t.Ledger.ListAsync(id);
        var wacz = Path.Combine(Directory.CreateTempSubdirectory("snapshots-wacz-").FullName, "privacy.wacz");

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("export", id.ToString(), "--wacz", "-o", wacz);

        Assert.True(exit == 0, output);
        Assert.Contains($"a WACZ of {id} versions 1-2 with the WARC captures of 2 versions", output);
        Assert.DoesNotContain("Left out", output);
        var read = await WaczReader.OpenAsync(wacz);

        // archive/data.warc.gz is the versions' WARC blobs as stored, concatenated in order.
        var blobs = new List<byte>();
        foreach (var version in versions) blobs.AddRange(await t.Pipeline.Get<SnapshotArchive>().ReadAsync(version.RawSources().Single().WarcBlob!));
        Assert.Equal(blobs.ToArray(), read.Bytes("archive/data.warc.gz"));
        Assert.Equal("Stored", read.Methods["archive/data.warc.gz"]);
        Assert.Equal("Stored", read.Methods["indexes/index.cdxj"]);

        // Two responses (one a version), nothing else at the page's URL: the TLS metadata record stays out of the index.
        AssertEverySeekMatches(read);
        Assert.Equal(["response", "response"], read.Seeks.Select(s => s.Type));
        Assert.Equal(versions.Select(v => v.RawSources().Single().FinalUrl), read.Seeks.Select(s => s.Target));
        Assert.All(read.Seeks, s => Assert.Equal("200", s.Cdx.GetProperty("status").GetString()));
        Assert.All(read.Seeks, s => Assert.Equal("text/html", s.Cdx.GetProperty("mime").GetString()));
        // The gzip-encoded body's payload digest is that of the bytes received, as the stored record says.
        Assert.Equal("sha256:" + Sha256(gzipped), read.Seeks[1].PayloadDigest);

        await AssertDatapackageMatchesAsync(read, ["archive/data.warc.gz", "indexes/index.cdxj", "pages/pages.jsonl"]);
        using var package = JsonDocument.Parse(read.Text("datapackage.json"));
        Assert.Contains("Example AI, Privacy Policy", package.RootElement.GetProperty("title").GetString());
        Assert.Contains("versions 1 to 2", package.RootElement.GetProperty("description").GetString());

        var pages = Pages(read);
        Assert.Equal(versions.Select(v => v.RawSources().Single().FinalUrl), pages.Select(p => p.GetProperty("url").GetString()));
        Assert.Equal(read.Seeks.Select(s => s.Date), pages.Select(p => p.GetProperty("ts").GetString()));
        Assert.Contains("version 2", pages[1].GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_rendered_pages_DOM_and_screenshot_resource_records_are_indexed_and_read_back_by_warcio()
    {
        await using var t = await TrackedSite.StartRenderedAsync();
        var id = await t.TrackScriptedAsync("Terms of Service", "/terms", """
            <html><head><title>Terms</title></head><body><main id="terms">Loading…</main>
            <script>document.getElementById('terms').innerHTML = '<h1>Terms</h1><p>Written by a script: you own your outputs.</p>';</script>
            </body></html>
            """, "#terms");
        Assert.True((await t.CheckAsync(id)).IsChange);
        var source = (await t.Ledger.GetAsync(id, 1)).RawSources().Single();
        var wacz = Path.Combine(Directory.CreateTempSubdirectory("snapshots-wacz-").FullName, "terms.wacz");

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("export", id.ToString(), "--wacz", "-o", wacz);

        Assert.True(exit == 0, output);
        var read = await WaczReader.OpenAsync(wacz);
        AssertEverySeekMatches(read);
        var target = read.Seeks.Single(s => s.Type == "response").Target!;
        var dom = read.Seeks.Single(s => s.Target == $"urn:dom:{target}");
        var screenshot = read.Seeks.Single(s => s.Target == $"urn:screenshot:{target}");
        Assert.Equal(("resource", "text/html"), (dom.Type, dom.Cdx.GetProperty("mime").GetString()));
        Assert.Equal(("resource", "image/png"), (screenshot.Type, screenshot.Cdx.GetProperty("mime").GetString()));
        // The DOM resource is what the version records as its raw capture.
        Assert.Equal("sha256:" + source.Sha256, dom.ContentDigest);
        Assert.Equal(3, read.Seeks.Count);
        Assert.Equal([target], Pages(read).Select(p => p.GetProperty("url").GetString()));
        await AssertDatapackageMatchesAsync(read, ["archive/data.warc.gz", "indexes/index.cdxj", "pages/pages.jsonl"]);
    }

    [Fact]
    public async Task A_version_recorded_before_WARC_capture_is_left_out_and_named_in_the_output_and_in_datapackage_json()
    {
        await using var t = await TrackedSite.StartAsync();
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        await t.CheckAsync(id);
        Assert.True((await t.ChangeAsync(id, PolicyPages.Privacy("<h2>Data retention</h2><p>We keep your prompts for 7 days.</p>"))).IsChange);
        Assert.True((await t.ChangeAsync(id, PolicyPages.Privacy("<h2>Data retention</h2><p>We keep your prompts for 8 days.</p>"))).IsChange);
        // Versions 1 and 2 as rows written before WARC capture: their sources name no WARC.
        foreach (var sequence in new long[] { 1, 2 })
        {
            var row = await t.Ledger.GetAsync(id, sequence);
            var sources = row.RawSources().Select(s => s with { WarcBlob = null, WarcSha256 = null }).ToList();
            await t.Pipeline.Storage.Versions.UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["RawSourcesJson"] = RawSourceJson.Write(sources) }, Azure.ETag.All, TableUpdateMode.Merge);
        }
        var wacz = Path.Combine(Directory.CreateTempSubdirectory("snapshots-wacz-").FullName, "privacy.wacz");

        var (exit, output) = await new CliRunner(t.Pipeline.Configuration).RunAsync("export", id.ToString(), "--wacz", "-o", wacz);

        Assert.True(exit == 0, output);
        Assert.Contains("with the WARC captures of 1 version", output);
        Assert.Contains("Left out: versions 1, 2 (recorded before WARC capture existed: no WARC)", output);
        var read = await WaczReader.OpenAsync(wacz);
        AssertEverySeekMatches(read);
        Assert.Equal([(await t.Ledger.GetAsync(id, 3)).RawSources().Single().FinalUrl], read.Seeks.Select(s => s.Target));
        using var package = JsonDocument.Parse(read.Text("datapackage.json"));
        var description = package.RootElement.GetProperty("description").GetString()!;
        Assert.Contains("version 3 captured", description);
        Assert.Contains("Left out: versions 1, 2 (recorded before WARC capture existed", description);
        Assert.Single(Pages(read));
    }

    /// <summary>
    /// Every CDXJ line: warcio reads exactly one record at its offset and length, of the line's type (urn: targets are the
    /// rendered resources), target and time; the line's digest is the record's and the SHA-256 of the payload warcio read;
    /// its key is warcio's SURT of its URL. The lines are sorted by byte; warcio's own indexer finds the same records.
    /// </summary>
    private static void AssertEverySeekMatches(WaczReader read)
    {
        Assert.NotEmpty(read.Seeks);
        foreach (var seek in read.Seeks)
        {
            var url = seek.Cdx.GetProperty("url").GetString();
            Assert.True(seek.Records == 1, $"{seek.Records} records at {seek.Line}");
            Assert.Equal(url!.StartsWith("urn:", StringComparison.Ordinal) ? "resource" : "response", seek.Type);
            Assert.Equal(url, seek.Target);
            Assert.Equal(seek.Surt, seek.Key);
            Assert.Equal(new string([.. seek.Date.Where(char.IsAsciiDigit)])[..14], seek.Timestamp);
            Assert.Equal(seek.PayloadDigest ?? seek.BlockDigest, seek.Cdx.GetProperty("digest").GetString());
            Assert.Equal(seek.ContentDigest, seek.Cdx.GetProperty("digest").GetString());
            Assert.Equal(seek.Status, seek.Cdx.TryGetProperty("status", out var status) ? status.GetString() : null);
            Assert.Equal("data.warc.gz", seek.Cdx.GetProperty("filename").GetString());
        }
        var lines = read.Text("indexes/index.cdxj").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);

        static string Same(string line)
        {
            var parts = line.Split(' ', 3);
            using var cdx = JsonDocument.Parse(parts[2]);
            string Field(string name) => cdx.RootElement.TryGetProperty(name, out var v) ? v.ToString() : "-";
            return string.Join(' ', parts[0], parts[1], Field("url"), Field("mime").Split(';')[0].Trim(), Field("status"), Field("offset"), Field("length"));
        }
        Assert.Equal(read.WarcioIndex.Select(Same).Order(StringComparer.Ordinal), lines.Select(Same).Order(StringComparer.Ordinal));
    }

    /// <summary>Each resource of datapackage.json is a file of the zip whose sha256sum and size are the ones listed; datapackage-digest.json holds datapackage.json's sha256sum.</summary>
    private static async Task AssertDatapackageMatchesAsync(WaczReader read, string[] paths)
    {
        using var package = JsonDocument.Parse(read.Text("datapackage.json"));
        var root = package.RootElement;
        Assert.Equal("data-package", root.GetProperty("profile").GetString());
        Assert.Equal("1.1.1", root.GetProperty("wacz_version").GetString());
        Assert.StartsWith("Snapshots", root.GetProperty("software").GetString());
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("created").GetString(), out _));
        var resources = root.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(paths, resources.Select(r => r.GetProperty("path").GetString()));
        foreach (var resource in resources)
        {
            var path = resource.GetProperty("path").GetString()!;
            Assert.Equal("sha256:" + await read.Sha256SumAsync(path), resource.GetProperty("hash").GetString());
            Assert.Equal(new FileInfo(read.PathOf(path)).Length, resource.GetProperty("bytes").GetInt64());
        }
        using var digest = JsonDocument.Parse(read.Text("datapackage-digest.json"));
        Assert.Equal("datapackage.json", digest.RootElement.GetProperty("path").GetString());
        Assert.Equal("sha256:" + await read.Sha256SumAsync("datapackage.json"), digest.RootElement.GetProperty("hash").GetString());
    }

    /// <summary>The pages of pages.jsonl after its header line (format json-pages-1.0).</summary>
    private static List<JsonElement> Pages(WaczReader read)
    {
        var lines = read.Text("pages/pages.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("json-pages-1.0", JsonDocument.Parse(lines[0]).RootElement.GetProperty("format").GetString());
        return [.. lines.Skip(1).Select(l => JsonDocument.Parse(l).RootElement)];
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal)) gzip.Write(bytes);
        return output.ToArray();
    }
}
