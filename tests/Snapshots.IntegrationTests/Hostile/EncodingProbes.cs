using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Snapshots.Archive;
using Snapshots.Tracking;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Hostile;

/// <summary>
/// Bodies that are not what their headers say, from a loopback server: stacked content encodings (a bomb inside a bomb),
/// an encoding left undeclared or unknown, a body that is not the encoding it claims, and charsets that must not be decoded
/// (UTF-7 and its aliases, UTF-32, the WHATWG "replacement" encodings), declared in the HTTP header or a meta tag. Each check
/// fails with a reason naming the encoding or charset, records no version, and is never an "unexpected error".
/// </summary>
[Trait("Category", "Hostile")]
public sealed class EncodingProbes
{
    private static readonly string Page = PolicyPages.Privacy(PolicyPages.Retention);

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }

    private static byte[] Brotli(byte[] data)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) brotli.Write(data);
        return output.ToArray();
    }

    /// <summary>64 MiB of zeros compressed twice: about 1 KB on the wire, 64 KB after one layer.</summary>
    private static byte[] BombInsideABomb()
    {
        var zeros = new byte[64 * 1024 * 1024];
        return Gzip(Gzip(zeros));
    }

    private static async Task<(FaultySite Site, Snapshots.Catalog.DocumentId Id)> ServingAsync(byte[] body, string contentType, string? contentEncoding)
    {
        var t = await FaultySite.StartAsync();
        var id = await t.TrackAsync("/privacy", Page);
        t.Site.Handle("/privacy", async context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = contentType;
            if (contentEncoding is not null) context.Response.Headers.ContentEncoding = contentEncoding;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        });
        return (t, id);
    }

    private static async Task AssertRefusedAsync(FaultySite t, Snapshots.Catalog.DocumentId id, params string[] named)
    {
        var outcome = await t.CheckAsync(id);

        Assert.Equal(CaptureStatus.Failed, outcome.Status);
        Assert.DoesNotContain("unexpected error", outcome.Detail);
        foreach (var part in named) Assert.Contains(part, outcome.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await t.Pipeline.Get<VersionLedger>().ListAsync(id));
        var document = await t.Catalog.GetAsync(id);
        Assert.Equal(1, document.ConsecutiveFailures);
        Assert.Equal(0, document.VersionCount);
    }

    [Theory]
    [InlineData("gzip, gzip")]
    [InlineData("gzip,gzip")]
    [InlineData("x-gzip, gzip")]
    public async Task A_body_gzipped_twice_is_refused_not_recorded(string encoding)
    {
        var (t, id) = await ServingAsync(BombInsideABomb(), "text/html; charset=utf-8", encoding);
        await using var _ = t;

        await AssertRefusedAsync(t, id, "Content-Encoding", "gzip");
    }

    [Fact]
    public async Task Brotli_inside_gzip_is_refused()
    {
        var (t, id) = await ServingAsync(Gzip(Brotli(Encoding.UTF8.GetBytes(Page))), "text/html; charset=utf-8", "br, gzip");
        await using var _ = t;

        await AssertRefusedAsync(t, id, "Content-Encoding", "br");
    }

    [Fact]
    public async Task A_gzip_layer_the_header_does_not_declare_is_refused_not_recorded_as_html()
    {
        var (t, id) = await ServingAsync(BombInsideABomb(), "text/html; charset=utf-8", "gzip");
        await using var _ = t;

        await AssertRefusedAsync(t, id, "still gzip-compressed");
    }

    [Theory]
    [InlineData("compress")]
    [InlineData("zstd")]
    public async Task An_encoding_that_is_not_decoded_is_refused_not_stored_as_the_page(string encoding)
    {
        var (t, id) = await ServingAsync(Gzip(Encoding.UTF8.GetBytes(Page)), "text/html; charset=utf-8", encoding);
        await using var _ = t;

        await AssertRefusedAsync(t, id, "Content-Encoding", encoding);
    }

    [Fact]
    public async Task A_body_that_is_not_the_gzip_it_claims_fails_with_a_reason_not_an_unexpected_error()
    {
        var (t, id) = await ServingAsync(Encoding.UTF8.GetBytes(Page), "text/html; charset=utf-8", "gzip");
        await using var _ = t;

        await AssertRefusedAsync(t, id, "not valid gzip");
    }

    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF-7")]
    [InlineData("csUnicode11UTF7")]
    [InlineData("unicode-1-1-utf-7")]
    [InlineData("x-unicode20utf7")]
    [InlineData("utf-32")]
    [InlineData("iso-2022-kr")]
    [InlineData("hz-gb-2312")]
    [InlineData("ibm037")]
    public async Task A_charset_in_the_HTTP_header_that_is_not_safe_fails_naming_it_and_the_page(string charset)
    {
        var body = Encoding.ASCII.GetBytes(Page.Replace("<p>", "<p>+ADw-script+AD4-", StringComparison.Ordinal));
        var (t, id) = await ServingAsync(body, $"text/html; charset={charset}", null);
        await using var _ = t;

        await AssertRefusedAsync(t, id, $"\"{charset}\"", "charset", t.Site.Url("/privacy").ToString());
    }

    [Theory]
    [InlineData("<meta charset=\"utf-7\">", "utf-7")]
    [InlineData("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-7\">", "UTF-7")]
    [InlineData("<meta charset=\"x-unicode20utf7\">", "x-unicode20utf7")]
    public async Task A_charset_in_a_meta_tag_that_is_not_safe_fails_naming_it(string meta, string charset)
    {
        var body = Encoding.ASCII.GetBytes(Page.Replace("<head>", "<head>" + meta, StringComparison.Ordinal));
        Assert.Contains(meta, Encoding.ASCII.GetString(body));
        var (t, id) = await ServingAsync(body, "text/html", null);
        await using var _ = t;

        await AssertRefusedAsync(t, id, $"\"{charset}\"", "charset");
    }

    [Fact]
    public async Task A_history_capture_declaring_utf7_is_one_failed_capture_not_a_crashed_import()
    {
        await using var pipeline = await TestPipeline.StartAsync();
        var id = Snapshots.Catalog.DocumentId.Parse("example-ai/privacy-policy");
        var folder = new HistoryFolderBuilder()
            .Declarations("https://example.com/privacy", ("main", null))
            .Capture("2025-01-01T08-00-00Z", Page)
            .Capture("2025-01-08T08-00-00Z", Page.Replace("<head>", "<head><meta charset=\"utf-7\">", StringComparison.Ordinal).Replace("30 days", "90 days", StringComparison.Ordinal));

        var (exit, output) = await new CliRunner(pipeline.Configuration).RunAsync("history", "import", folder.Root, "--document", id.ToString(), "--platform-name", "Example AI");

        Assert.Contains("utf-7", output);
        Assert.DoesNotContain("   at ", output);
        Assert.Equal(0, exit);
        Assert.Single(await pipeline.Get<VersionLedger>().ListAsync(id));
    }
}
