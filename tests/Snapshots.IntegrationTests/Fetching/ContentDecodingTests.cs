using System.IO.Compression;
using System.Text;
using Snapshots.IntegrationTests.Infrastructure;

namespace Snapshots.IntegrationTests.Fetching;

/// <summary>The one content encoding PageFetcher decodes itself (ContentDecoding): each is read as the page it encodes
/// (PageFetcherTests.The_size_limit_applies_to_decompressed_bytes keeps the limit on decoded bytes).</summary>
public sealed class ContentDecodingTests
{
    private const string Html = "<html><body><main><p>We keep your prompts for 30 days.</p></main></body></html>";

    private static byte[] Encode(string coding, byte[] data)
    {
        using var output = new MemoryStream();
        using (Stream encoder = coding switch
        {
            "br" => new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),
            _ => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
        }) encoder.Write(data);
        return output.ToArray();
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("x-gzip")]
    [InlineData("GZIP")]
    [InlineData("br")]
    [InlineData("deflate")]
    [InlineData("identity, gzip")]
    public async Task One_encoding_is_decoded_into_the_page(string coding)
    {
        await using var site = await LoopbackSite.StartAsync();
        await using var host = new FetchingTestHost();
        var body = Encode(coding.Replace("identity, ", "", StringComparison.Ordinal).ToLowerInvariant(), Encoding.UTF8.GetBytes(Html));
        site.Handle("/p", async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.ContentEncoding = coding;
            await context.Response.Body.WriteAsync(body);
        });

        var page = await host.Fetcher.FetchAsync(site.Url("/p"), null, CancellationToken.None);

        Assert.Equal(Html, Encoding.UTF8.GetString(page.Body));
    }
}
