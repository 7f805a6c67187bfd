using System.IO.Compression;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Snapshots.Archive;
using Snapshots.IntegrationTests.Infrastructure;
using Snapshots.Text;

namespace Snapshots.IntegrationTests.Archive;

/// <summary>
/// The WARC capture of each recorded version, read by an independent reader (webrecorder's warcio, from npm): every record
/// reads, the response's payload digest is the SHA-256 of the body as received, its content as warcio decodes it hashes to
/// the version's raw SHA-256, the request holds the headers sent, and over HTTPS the metadata record holds the TLS protocol,
/// cipher suite and the server's certificate chain. An unchanged check writes no blob.
/// </summary>
public sealed class WarcCaptureTests
{
    [Fact]
    public async Task A_plain_and_a_gzip_encoded_page_are_captured_as_WARC_records_that_warcio_reads_with_the_recorded_digests()
    {
        await using var t = await TrackedSite.StartAsync();
        var plain = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));
        var html = PolicyPages.Privacy("<h2>Terms</h2><p>Disputes go to arbitration in Delaware.</p>");
        var encoded = await t.TrackAsync("Example AI", "Terms of Service", "/terms", html);
        var gzipped = Gzip(Encoding.UTF8.GetBytes(html));
        t.Site.Handle("/terms", async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.Headers["X-Served-By"] = "loopback test";
            await context.Response.Body.WriteAsync(gzipped);
        });

        await t.CheckAsync([plain, encoded]);

        foreach (var (id, wire) in new[] { (plain, (byte[]?)null), (encoded, gzipped) })
        {
            var version = await t.Ledger.GetAsync(id, 1);
            Assert.Equal(3, version.ChainFormat);
            var source = Assert.Single(version.RawSources());
            Assert.NotNull(source.WarcBlob);
            var warc = await t.Pipeline.Get<SnapshotArchive>().ReadAsync(source.WarcBlob!);
            Assert.Equal(source.WarcSha256, Sha256Hex.Of(warc));
            Assert.EndsWith($"{source.WarcSha256}.warc.gz", source.WarcBlob);

            var records = await WarcioReader.ReadAsync(warc);

            Assert.Equal(["warcinfo", "response", "request", "metadata"], records.Select(r => r.Type));
            var response = records.Single(r => r.Type == "response");
            Assert.Equal(source.FinalUrl, response.Target);
            Assert.Equal(200, response.Status);
            // The payload as stored is the body as received, and its digest is sha256: + hex of it.
            Assert.Equal("sha256:" + response.PayloadSha256, response.Header("WARC-Payload-Digest"));
            Assert.Equal(Sha256Hex.Of(wire ?? Encoding.UTF8.GetBytes(PolicyPages.Privacy(PolicyPages.Retention))), response.PayloadSha256);
            // Decoded by warcio as its Content-Encoding says, it is what the version records.
            Assert.Equal(version.RawSha256, response.ContentSha256);
            Assert.StartsWith("sha256:", response.Header("WARC-Block-Digest"));
            if (wire is not null)
            {
                Assert.Equal("gzip", response.HttpHeaders["Content-Encoding"]);
                Assert.Equal("loopback test", response.HttpHeaders["X-Served-By"]);
            }
            var request = records.Single(r => r.Type == "request");
            Assert.Equal(response.Header("WARC-Record-ID"), request.Header("WARC-Concurrent-To"));
            var requestHead = Encoding.Latin1.GetString(RecordBlockOf(warc, "request"));
            Assert.StartsWith($"GET {new Uri(source.FinalUrl).PathAndQuery} HTTP/1.1\r\n", requestHead);
            Assert.Contains($"Host: 127.0.0.1:{t.Site.BaseUri.Port}\r\n", requestHead);
            Assert.Contains("User-Agent: Snapshots/", requestHead);
            Assert.Contains("Accept-Encoding: gzip, br", requestHead);
            Assert.Empty(request.Payload);
            var metadata = Encoding.UTF8.GetString(records.Single(r => r.Type == "metadata").Payload);
            Assert.Contains($"snapshots-raw-sha256: {version.RawSha256}\r\n", metadata);
            Assert.Contains("tls-protocol: none (plain HTTP)", metadata);
        }

        // An unchanged check writes no blob: the WARC is written for recorded versions only.
        var blobs = await t.BlobCountAsync();
        await t.CheckAsync([plain, encoded]);
        Assert.Equal(blobs, await t.BlobCountAsync());
        Assert.Equal(0, (await new CliRunner(t.Pipeline.Configuration).RunAsync("verify")).ExitCode);
    }

    [Fact]
    public async Task Over_HTTPS_the_metadata_record_holds_the_TLS_protocol_cipher_and_the_servers_certificate_chain()
    {
        var ca = TestCertificateAuthority.Create();
        await using var t = await TrackedSite.StartHttpsAsync(ca);
        Assert.Equal("https", t.Site.BaseUri.Scheme);
        var id = await t.TrackPrivacyPolicyAsync(PolicyPages.Privacy(PolicyPages.Retention));

        var outcome = await t.CheckAsync(id);

        Assert.True(outcome.IsChange, outcome.ToString());
        var source = Assert.Single((await t.Ledger.GetAsync(id, 1)).RawSources());
        var records = await WarcioReader.ReadAsync(await t.Pipeline.Get<SnapshotArchive>().ReadAsync(source.WarcBlob!));
        var metadata = Encoding.UTF8.GetString(records.Single(r => r.Type == "metadata").Payload);
        Assert.Matches(@"tls-protocol: TLSv1\.[23]\r\n", metadata);
        Assert.Matches(@"tls-cipher-suite: TLS_\w+\r\n", metadata);
        // Each certificate is a folded WARC field: unfolded, it is the PEM the server presented, leaf first, then the root.
        var chain = metadata.Split("tls-peer-certificate: ").Skip(1)
            .Select(f => X509Certificate2.CreateFromPem(f.Split("\r\n").TakeWhile((line, i) => i == 0 || line.StartsWith(' ')).Select(l => l.Trim()).Aggregate((a, b) => a + "\n" + b)))
            .ToList();
        Assert.Equal([ca.Server.Thumbprint, ca.Root.Thumbprint], chain.Select(c => c.Thumbprint));
        Assert.Equal(source.FinalUrl, records.Single(r => r.Type == "response").Target);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal)) gzip.Write(bytes);
        return output.ToArray();
    }

    /// <summary>The block of the first record of a type, read with .NET's own gzip (members concatenated) and the record's Content-Length.</summary>
    private static byte[] RecordBlockOf(byte[] warc, string type)
    {
        using var input = new GZipStream(new MemoryStream(warc), CompressionMode.Decompress);
        using var all = new MemoryStream();
        input.CopyTo(all);
        var bytes = all.ToArray();
        var at = 0;
        while (at < bytes.Length)
        {
            var end = IndexOf(bytes, "\r\n\r\n"u8, at);
            var head = Encoding.UTF8.GetString(bytes, at, end - at);
            var length = int.Parse(head.Split("\r\n").Single(l => l.StartsWith("Content-Length: ")).Split(": ")[1]);
            if (head.Contains($"WARC-Type: {type}\r\n")) return bytes[(end + 4)..(end + 4 + length)];
            at = end + 4 + length + 4;
        }
        throw new InvalidOperationException($"no {type} record");
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> what, int from) => from + bytes.AsSpan(from).IndexOf(what);
}
